using System.Net;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Security;

/// <summary>
/// Role × region × route: a case and an enterprise of 雄县 (reported by 雄安新区) are reached, page and API alike, by
/// its own enterprise, county, reporting unit, the province and the system administrator — and by no other region,
/// enterprise, nor by the security administrator or the auditor.
/// </summary>
public class RegionMatrixTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private static readonly string[] InRegion = [$"ent.{WorkflowDriver.XiongUscc}", "county.130638", "city.133100", "province", "admin"];
    private static readonly string[] OutOfRegion = [$"ent.{WorkflowDriver.QingheUscc}", "county.130534", "city.130500", "city.130600", "secadmin", "auditor"];

    [Fact]
    public async Task RegionBoundRoutes_AnswerOnlyTheirRegion()
    {
        var caseId = await new WorkflowDriver(factory).StartRecognitionAsync(WorkflowDriver.XiongUscc);
        int enterpriseId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            enterpriseId = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Enterprises.IgnoreQueryFilters()
                .Where(e => e.Uscc == WorkflowDriver.XiongUscc).Select(e => e.Id).SingleAsync();
        }
        // Who of the in-region accounts each route serves: everyone, staff only, or the reporting unit and above.
        string[] everyone = InRegion, staff = InRegion[1..], unitAndAbove = InRegion[2..];
        var routes = new (string Path, string[] Serves)[]
        {
            ($"/api/instances/{caseId}", everyone),
            ($"/cases/{caseId}", everyone),
            ($"/api/enterprises/{enterpriseId}", everyone),
            ($"/staff/enterprises/{enterpriseId}", staff),
            ("/api/units/133100/documents/annex-03.html?year=2024", unitAndAbove),
        };
        var wrong = new List<string>();
        foreach (var user in InRegion.Concat(OutOfRegion))
        {
            var client = await factory.ClientFor(user);
            foreach (var (path, serves) in routes)
            {
                var response = await client.GetAsync(path);
                var location = response.Headers.Location?.OriginalString ?? "";
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || location.Contains("/login", StringComparison.Ordinal) || location.Contains("/error/403", StringComparison.Ordinal);
                var shouldReach = serves.Contains(user);
                if (shouldReach == refused || (shouldReach && response.StatusCode != HttpStatusCode.OK))
                {
                    wrong.Add($"{user} → {path}：{(int)response.StatusCode} {location}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }
}

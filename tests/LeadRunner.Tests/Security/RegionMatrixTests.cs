using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Tests.Rounds.Cases;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Security;

/// <summary>
/// Two regions' data on one host, built once: a case of 雄县 (reported by 雄安新区) taken to authorisation, with its
/// certificate, and a submitted case of 清河县 (reported by 邢台市); each unit's package is built.
/// </summary>
public sealed class RegionFixture : IAsyncLifetime
{
    /// <summary>What one region holds, and which accounts belong to it (its enterprise, county, unit, then province and administrator).</summary>
    public sealed record Region(string Name, string[] InRegion, long CaseId, int EnterpriseId, string EnterpriseName, long SubmissionId,
        Guid UploadId, string UnitCode, string? CertificateCode);

    public WorkflowFactory Factory { get; } = new();
    public Region Xiong { get; private set; } = null!;
    public Region Qinghe { get; private set; } = null!;

    /// <summary>Every account the matrix tries: each is in one region or neither.</summary>
    public static readonly string[] Accounts =
    [
        $"ent.{WorkflowDriver.XiongUscc}", $"ent.{WorkflowDriver.QingheUscc}", "county.130638", "county.130534",
        "city.133100", "city.130500", "city.130600", "province", "admin", "secadmin", "auditor",
    ];

    public async Task InitializeAsync()
    {
        var drive = new WorkflowDriver(Factory);
        var xiongCase = await drive.ToPublicityAsync(WorkflowDriver.XiongUscc, "county.130638", "city.133100");
        var qingheCase = await drive.StartRecognitionAsync(WorkflowDriver.QingheUscc);
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", qingheCase, "submit");

        // After the five working days of 公示 the final list authorises the 雄县 case, which issues its certificate.
        Factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        var province = await Factory.ClientFor("province");
        var published = await province.PostAsJsonAsync("/api/rounds/2024/final-list", new { caseIds = new[] { xiongCase }, documentNumber = "冀工信集群〔2024〕12号" });
        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var certificate = (await drive.InstanceAsync(xiongCase)).Variables!["certificate"]!["code"]!.GetValue<string>();

        foreach (var unit in new[] { "133100", "130500" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await province.PostAsync($"/api/units/{unit}/package?year=2024", null)).StatusCode);
            await PackageDoneAsync(province, unit);
        }

        Xiong = await RegionAsync("雄县", xiongCase, WorkflowDriver.XiongUscc, ["county.130638", "city.133100"], "133100", certificate);
        Qinghe = await RegionAsync("清河县", qingheCase, WorkflowDriver.QingheUscc, ["county.130534", "city.130500"], "130500", null);
    }

    private async Task<Region> RegionAsync(string name, long caseId, string uscc, string[] staff, string unitCode, string? certificate)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var enterprise = await db.Enterprises.IgnoreQueryFilters().Where(e => e.Uscc == uscc).Select(e => new { e.Id, e.Name }).SingleAsync();
        var submission = await db.FormSubmissions.IgnoreQueryFilters().Where(s => s.EnterpriseId == enterprise.Id && s.Subject == LeadRunner.Workflow.Runtime.CaseForms.DraftSubject(caseId))
            .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var upload = await db.StoredFiles.Where(f => f.EnterpriseId == enterprise.Id).Select(f => f.Id).FirstAsync();
        return new Region(name, [$"ent.{uscc}", .. staff, "province", "admin"], caseId, enterprise.Id, enterprise.Name, submission, upload, unitCode, certificate);
    }

    private static async Task PackageDoneAsync(HttpClient client, string unit)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = (await client.GetFromJsonAsync<JsonObject>($"/api/units/{unit}/package/status"))!;
            var state = status["state"]!.GetValue<string>();
            if (state == "done")
            {
                return;
            }
            Assert.True(state != "failed", $"报送单位 {unit} 的材料包生成失败：{status["error"]}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"报送单位 {unit} 的材料包 60 秒内未生成完成。");
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Role × region × route: every route that names a case, an enterprise, a submission, an upload, an issued document
/// or a reporting unit answers 200 to the accounts of that region (its enterprise, county, reporting unit, the province
/// and the system administrator, as far as the route serves that role) and 403/404 to every other region, enterprise,
/// the security administrator and the auditor; the round's case lists (JSON, Excel, page) leave other regions' cases out.
/// </summary>
public class RegionMatrixTests(RegionFixture fixture) : IClassFixture<RegionFixture>
{
    private enum Serves { Everyone, Staff, UnitAndAbove }

    private static IEnumerable<(string Path, Serves Serves)> RoutesOf(RegionFixture.Region r)
    {
        yield return ($"/api/instances/{r.CaseId}", Serves.Everyone);
        yield return ($"/cases/{r.CaseId}", Serves.Everyone);
        yield return ($"/api/cases/{r.CaseId}/documents/annex-04.html", Serves.Everyone);
        yield return ($"/api/cases/{r.CaseId}/documents/annex-09.docx", Serves.Everyone);
        yield return ($"/api/forms/submissions/{r.SubmissionId}", Serves.Everyone);
        yield return ($"/api/uploads/{r.UploadId}", Serves.Everyone);
        yield return ($"/api/enterprises/{r.EnterpriseId}", Serves.Everyone);
        yield return ($"/staff/enterprises/{r.EnterpriseId}", Serves.Staff);
        yield return ($"/api/units/{r.UnitCode}/documents/annex-03.html?year=2024", Serves.UnitAndAbove);
        yield return ($"/api/units/{r.UnitCode}/documents/annex-03.docx?year=2024", Serves.UnitAndAbove);
        yield return ($"/api/units/{r.UnitCode}/package/status", Serves.UnitAndAbove);
        yield return ($"/api/units/{r.UnitCode}/package/download", Serves.UnitAndAbove);
        yield return ($"/units/{r.UnitCode}/package", Serves.UnitAndAbove);
        if (r.CertificateCode is { } code)
        {
            yield return ($"/api/cases/{r.CaseId}/issued/{code}", Serves.Everyone);
        }
    }

    private async Task<Dictionary<string, HttpClient>> ClientsAsync()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in RegionFixture.Accounts)
        {
            clients[user] = await fixture.Factory.ClientFor(user);
        }
        return clients;
    }

    [Fact]
    public async Task RegionBoundRoutes_AnswerOnlyTheirRegion()
    {
        var clients = await ClientsAsync();
        var wrong = new List<string>();
        var checkedCount = 0;
        foreach (var region in new[] { fixture.Xiong, fixture.Qinghe })
        {
            foreach (var (path, serves) in RoutesOf(region))
            {
                var reached = serves switch
                {
                    Serves.Everyone => region.InRegion,
                    Serves.Staff => region.InRegion[1..],
                    _ => region.InRegion[2..],
                };
                foreach (var user in RegionFixture.Accounts)
                {
                    var response = await clients[user].GetAsync(path);
                    checkedCount++;
                    var location = response.Headers.Location?.OriginalString ?? "";
                    var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                        || location.Contains("/error/403", StringComparison.Ordinal);
                    var ok = reached.Contains(user) ? response.StatusCode == HttpStatusCode.OK : refused;
                    if (!ok)
                    {
                        wrong.Add($"{region.Name}：{user} → {path}：{(int)response.StatusCode} {location}");
                    }
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.Equal(RegionFixture.Accounts.Length * (RoutesOf(fixture.Xiong).Count() + RoutesOf(fixture.Qinghe).Count()), checkedCount);
    }

    [Fact]
    public async Task RoundCaseLists_ShowEachStaffAccountOnlyItsRegion_AndNoneToOthers()
    {
        var clients = await ClientsAsync();
        var wrong = new List<string>();
        foreach (var user in RegionFixture.Accounts)
        {
            var isStaff = user.StartsWith("county.", StringComparison.Ordinal) || user.StartsWith("city.", StringComparison.Ordinal) || user is "province" or "admin";
            var json = await clients[user].GetAsync("/api/rounds/2024/cases?pageSize=100");
            var xlsx = await clients[user].GetAsync("/api/rounds/2024/cases.xlsx");
            var page = await clients[user].GetAsync("/rounds/2024/cases");
            if (!isStaff)
            {
                foreach (var (what, response) in new[] { ("JSON", json), ("Excel", xlsx), ("页面", page) })
                {
                    var location = response.Headers.Location?.OriginalString ?? "";
                    if (response.StatusCode != HttpStatusCode.Forbidden && !location.Contains("/error/403", StringComparison.Ordinal))
                    {
                        wrong.Add($"{user} → 案件列表（{what}）：{(int)response.StatusCode} {location}");
                    }
                }
                continue;
            }
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (json.StatusCode, xlsx.StatusCode, page.StatusCode));
            var listed = (await json.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToHashSet();
            var rows = CaseListTests.ReadRows(await xlsx.Content.ReadAsByteArrayAsync()).Skip(1).Select(r => r[0]).ToHashSet();
            var html = await page.Content.ReadAsStringAsync();
            foreach (var region in new[] { fixture.Xiong, fixture.Qinghe })
            {
                var shouldSee = region.InRegion.Contains(user);
                var seen = (listed.Contains(region.CaseId), rows.Contains(region.EnterpriseName), html.Contains(region.EnterpriseName, StringComparison.Ordinal));
                if (seen != (shouldSee, shouldSee, shouldSee))
                {
                    wrong.Add($"{region.Name}：{user} 的案件列表 JSON/Excel/页面 {seen}，应为 {shouldSee}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }
}

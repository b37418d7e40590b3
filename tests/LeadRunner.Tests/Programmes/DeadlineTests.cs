using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Programmes;

/// <summary>逾期不予受理: the city's recommendation after 2024-09-12 is refused unless the province extended the deadline.</summary>
public class DeadlineTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static async Task<(WorkflowDriver Drive, long Id)> AtCityReviewAsync(WorkflowFactory factory, string uscc = WorkflowDriver.QingheUscc, string county = "county.130534")
    {
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync(uscc);
        await drive.CompleteOkAsync($"ent.{uscc}", id, "submit");
        await drive.CompleteOkAsync(county, id, "approve");
        return (drive, id);
    }

    [Fact]
    public async Task OnTheLastDay_IsAccepted()
    {
        using var factory = new WorkflowFactory();
        var (drive, id) = await AtCityReviewAsync(factory);
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 12, 23, 59, 0, China));
        await drive.CompleteOkAsync("city.130500", id, "recommend", data: new { rank = 1 });
    }

    [Fact]
    public async Task AfterTheDeadline_IsRefusedAndChangesNothing()
    {
        using var factory = new WorkflowFactory();
        var (drive, id) = await AtCityReviewAsync(factory);
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 13, 0, 0, 1, China));
        var late = await drive.CompleteAsync("city.130500", id, "recommend", data: new { rank = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("逾期，不予受理", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("cityReview", (await drive.InstanceAsync(id)).CurrentStep);
    }

    [Fact]
    public async Task ExtensionForTheUnit_LetsItThrough_AndIsLogged_ButNotForOtherUnits()
    {
        using var factory = new WorkflowFactory();
        var (drive, id) = await AtCityReviewAsync(factory);
        var (_, other) = await AtCityReviewAsync(factory, WorkflowDriver.XiongUscc, "county.130638");
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 14, 10, 0, 0, China));

        var admin = await factory.ClientFor("admin");
        var granted = await admin.PostAsJsonAsync("/api/programmes/2024/extensions", new { stage = "city", unitCode = "130500", until = "2024-09-20", reason = "暴雨导致材料寄送延误" });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);

        await drive.CompleteOkAsync("city.130500", id, "recommend", data: new { rank = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, (await drive.CompleteAsync("city.133100", other, "recommend", data: new { rank = 1 })).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "批准逾期延期");
        Assert.Equal("暴雨导致材料寄送延误", entry.Reason);
        Assert.Equal("admin", entry.UserName);

        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 21, 0, 0, 1, China));
        var (_, third) = await AtCityReviewAsync(factory);
        Assert.Equal(HttpStatusCode.BadRequest, (await drive.CompleteAsync("city.130500", third, "recommend", data: new { rank = 2 })).StatusCode);
    }

    [Fact]
    public async Task ExtensionForOneEnterprise_CoversOnlyThatEnterprise()
    {
        using var factory = new WorkflowFactory();
        var (drive, id) = await AtCityReviewAsync(factory);
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 14, 10, 0, 0, China));
        var admin = await factory.ClientFor("admin");
        var enterprises = await admin.GetFromJsonAsync<LeadRunner.Enterprises.EnterprisesApi.EnterpriseDto[]>("/api/enterprises");
        var qinghe = enterprises!.Single(e => e.Uscc == WorkflowDriver.QingheUscc).Id;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/programmes/2024/extensions",
            new { stage = "city", enterpriseId = qinghe, until = "2024-09-30", reason = "补正材料" })).StatusCode);
        await drive.CompleteOkAsync("city.130500", id, "recommend", data: new { rank = 1 });
    }

    [Fact]
    public async Task Extension_BadRequests_AreRefusedInChinese()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var noTarget = await admin.PostAsJsonAsync("/api/programmes/2024/extensions", new { stage = "city", until = "2024-09-30", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.Contains("报送单位或企业", await noTarget.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badStage = await admin.PostAsJsonAsync("/api/programmes/2024/extensions", new { stage = "mayor", unitCode = "130500", until = "2024-09-30", reason = "x" });
        Assert.Contains("延期的环节", await badStage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var city = await factory.ClientFor("city.130500");
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsJsonAsync("/api/programmes/2024/extensions", new { stage = "city", unitCode = "130500", until = "2024-09-30", reason = "自批" })).StatusCode);
    }
}

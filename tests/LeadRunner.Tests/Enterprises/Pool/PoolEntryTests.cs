using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Enterprises.Pool;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Enterprises.Pool;

/// <summary>
/// Pool entry from the enterprise's portal through county and city, the membership it records, and the round
/// setting that takes applications from pool members only. 沙河 is the demo enterprise left outside the pool.
/// </summary>
public class PoolEntryTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string ShaheUscc = "91130582MA0HP3W19U";  // 沙河市 → 邢台市 130500
    private const string Shahe = $"ent.{ShaheUscc}";
    private readonly WorkflowDriver _drive = new(factory);

    [Fact]
    public async Task PoolEntry_RecordsTheCitysDecision_AndOnlyMembersMayApply()
    {
        var enterprise = await factory.ClientFor(Shahe);
        var portal = await enterprise.GetStringAsync("/portal");
        Assert.Contains("申请纳入培育库", portal, StringComparison.Ordinal);
        Assert.Contains("尚未纳入“领跑者”企业培育库，不能申报 2024 年度认定", portal, StringComparison.Ordinal);
        Assert.DoesNotContain("在线申报 2024 年度", portal, StringComparison.Ordinal);
        await AssertApplicationRefusedAsync(enterprise);

        // The city does not admit: the decision is recorded with its reason, and the application stays refused.
        var first = await ApplyToPoolAsync(enterprise);
        await CompleteAsync(Shahe, first, "submit", data: await EntryFormAsync(enterprise));
        await CompleteAsync("county.130534", first, "recommend", expect: HttpStatusCode.NotFound); // another county's officer has no task
        await CompleteAsync("county.130582", first, "recommend");
        await CompleteAsync("city.130500", first, "reject", comment: "主导产品省内市场占有率未达到领先水平。");
        var refused = await MembershipsAsync(first);
        Assert.Equal((PoolDecision.NotAdmitted, "130500", "主导产品省内市场占有率未达到领先水平。", "city.130500"),
            (refused.Single().Decision, refused.Single().UnitCode, refused.Single().Comment, refused.Single().DecidedBy));
        Assert.Equal(("notAdmitted", "rejected"), await StepAsync(first));
        await AssertApplicationRefusedAsync(enterprise);
        Assert.Contains("不予入库", await enterprise.GetStringAsync("/portal"), StringComparison.Ordinal);

        // Applied again and admitted: the membership is dated and names the deciding unit, and the application is taken.
        var second = await ApplyToPoolAsync(enterprise);
        await CompleteAsync(Shahe, second, "submit", data: await EntryFormAsync(enterprise));
        await CompleteAsync("county.130582", second, "recommend");
        await CompleteAsync("city.130500", second, "admit");
        var admitted = (await MembershipsAsync(second)).Single();
        Assert.Equal((PoolDecision.Admitted, "130500", 2024, factory.FakeClock.GetUtcNow()), (admitted.Decision, admitted.UnitCode, admitted.Year, admitted.DecidedAt));
        Assert.Equal(("admitted", "approved"), await StepAsync(second));
        portal = await enterprise.GetStringAsync("/portal");
        Assert.Contains("已入库", portal, StringComparison.Ordinal);
        Assert.Contains("邢台市", portal, StringComparison.Ordinal);
        Assert.DoesNotContain("申请纳入培育库", portal, StringComparison.Ordinal);
        Assert.Contains("在线申报 2024 年度", portal, StringComparison.Ordinal);
        var started = await enterprise.PostAsJsonAsync("/api/instances", new { workflow = "recognition", variables = new { year = 2024 } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var staffPage = await (await factory.ClientFor("city.130500")).GetStringAsync($"/staff/enterprises/{admitted.EnterpriseId}");
        Assert.Contains("已入库", staffPage.Split("“领跑者”企业培育库")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheSettingOff_AnEnterpriseOutsideThePoolMayApply()
    {
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["requirePoolMembership"] = false;
        (await admin.PutAsJsonAsync("/api/programmes/2024?note=不再要求入库", settings)).EnsureSuccessStatusCode();
        try
        {
            // 定州 is in the pool by the demo data; remove its record to make it an outsider, as 沙河 may have been admitted meanwhile.
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
                await db.PoolMemberships.Where(m => m.Enterprise!.Uscc == "91130682MA0E2K4192").ExecuteDeleteAsync();
            }
            var dingzhou = await factory.ClientFor("ent.91130682MA0E2K4192");
            var started = await dingzhou.PostAsJsonAsync("/api/instances", new { workflow = "recognition", variables = new { year = 2024 } });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }
        finally
        {
            settings["requirePoolMembership"] = true;
            (await admin.PutAsJsonAsync("/api/programmes/2024?note=恢复", settings)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Memberships_AreSeenOnlyInScope()
    {
        var qinghe = await IdOfAsync("91130534MA0CQH1106");
        var xiong = await IdOfAsync("91130638MA0FB9N1XF");
        var own = await PoolAsync("ent.91130534MA0CQH1106");
        Assert.NotEmpty(own);
        Assert.All(own, m => Assert.Equal(qinghe, m.EnterpriseId));
        Assert.Empty(await PoolAsync("ent.91130534MA0CQH1106", $"?enterpriseId={xiong}"));
        Assert.All(await PoolAsync("county.130534"), m => Assert.Equal(qinghe, m.EnterpriseId));
        var xiongan = await PoolAsync("city.133100");
        Assert.NotEmpty(xiongan);
        Assert.All(xiongan, m => Assert.Equal("133100", m.UnitCode));
        Assert.Contains(await PoolAsync("province"), m => m.EnterpriseId == xiong && m.Admitted && m.UnitName.Length > 0);
    }

    private async Task<PoolStanding.MembershipDto[]> PoolAsync(string user, string query = "") =>
        (await (await factory.ClientFor(user)).GetFromJsonAsync<PoolStanding.MembershipDto[]>($"/api/pool{query}"))!;

    private async Task<int> IdOfAsync(string uscc)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Enterprises.Where(e => e.Uscc == uscc).Select(e => e.Id).SingleAsync();
    }

    private static async Task AssertApplicationRefusedAsync(HttpClient enterprise)
    {
        var refused = await enterprise.PostAsJsonAsync("/api/instances", new { workflow = "recognition", variables = new { year = 2024 } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(PoolStanding.NotInPoolMessage, (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    /// <summary>Presses the portal's button; it starts pool entry and leads to the case, where the enterprise's task is.</summary>
    private static async Task<long> ApplyToPoolAsync(HttpClient enterprise)
    {
        var page = await enterprise.GetStringAsync("/portal");
        var response = await enterprise.PostAsync("/portal?handler=Pool", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString["/cases/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Completes the user's task on the case, which must be in the user's inbox.</summary>
    private async Task CompleteAsync(string user, long id, string action, string? comment = null, JsonObject? data = null, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var client = await factory.ClientFor(user);
        var task = (await _drive.InboxAsync(user)).Tasks.SingleOrDefault(t => t.InstanceId == id);
        if (expect == HttpStatusCode.NotFound)
        {
            Assert.Null(task);
            return;
        }
        Assert.NotNull(task);
        var response = await client.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { action, comment, data });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<PoolMembership>> MembershipsAsync(long caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().PoolMemberships.AsNoTracking().Where(m => m.InstanceId == caseId).ToListAsync();
    }

    private async Task<(string Step, string? Outcome)> StepAsync(long id)
    {
        var instance = await _drive.InstanceAsync(id);
        return (instance.CurrentStep, instance.Outcome);
    }

    private static async Task<JsonObject> EntryFormAsync(HttpClient client) => new()
    {
        ["enterpriseName"] = "沙河市华晶玻璃有限公司", ["uscc"] = ShaheUscc, ["clusterName"] = "沙河市玻璃产业集群", ["countyName"] = "沙河市",
        ["industry"] = "建材", ["legalRepresentative"] = "李强", ["address"] = "河北省邢台市沙河市玻璃工业园 18 号",
        ["contactName"] = "赵敏", ["contactPhone"] = "13933912345", ["contactEmail"] = "zhaomin@example.cn", ["mainProducts"] = "浮法玻璃、镀膜玻璃",
        ["revenue"] = 520_000_000, ["profit"] = 31_000_000, ["tax"] = 12_000_000, ["rdExpense"] = 16_500_000, ["marketShare"] = 8.5m,
        ["legalStatusStatement"] = "在沙河市注册，具有独立法人资格，已纳入沙河市玻璃产业集群统计。",
        ["financeQualityStatement"] = "近三年营业收入年均增长 9%，产品合格率 99.8%。",
        ["innovationStatement"] = "拥有发明专利 6 项，省级企业技术中心。",
        ["socialResponsibilityStatement"] = "安置就业 860 人，参与集群共享检测平台建设。",
        ["complianceDeclared"] = true,
        ["evidenceFiles"] = await CaseFormData.FilesAsync(client, "营业执照.pdf"),
    };
}

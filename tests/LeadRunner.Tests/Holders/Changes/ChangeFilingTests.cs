using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Enterprises;
using LeadRunner.Holders;
using LeadRunner.Holders.Revocation;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.Holders.Revocation;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Tests.Holders.Changes;

/// <summary>
/// A holder files a name change or reorganisation (第十六条三): county and province check it; acceptance renames the
/// enterprise, records the history and the filing obligation; a filing made over a month late raises a revocation case.
/// </summary>
public class ChangeFilingTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly HolderSteps _steps = new(factory);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+08:00";

    private DateOnly Today => DateOnly.FromDateTime(factory.FakeClock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>The holder starts its filing from its page; returns the case, which waits for the form.</summary>
    private async Task<long> StartAsync(string uscc)
    {
        var client = await factory.ClientFor($"ent.{uscc}");
        var page = await client.GetStringAsync("/portal/change-filing");
        var response = await client.PostAsync("/portal/change-filing", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/cases/[0-9]+/act/submit$", location);
        return long.Parse(location.Split('/')[2], CultureInfo.InvariantCulture);
    }

    private async Task<HttpResponseMessage> SubmitAsync(string uscc, long caseId, JsonObject changes)
    {
        var client = await factory.ClientFor($"ent.{uscc}");
        var data = new JsonObject
        {
            ["uscc"] = uscc, ["changeType"] = "rename", ["previousName"] = "原名称", ["changeDate"] = Day(Today.AddDays(-10)),
            ["description"] = "经股东会决议变更企业名称，主营业务、生产地址不变。", ["stillMeetsConditions"] = true,
            ["contactName"] = "王芳", ["contactPhone"] = "13931912345", ["evidenceFiles"] = await CaseFormData.FilesAsync(client, "变更登记通知书.pdf"),
        };
        foreach (var (key, value) in changes)
        {
            data[key] = value?.DeepClone();
        }
        var taskId = await _steps.Drive.TaskIdAsync($"ent.{uscc}", caseId);
        return await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "submit", data });
    }

    [Fact]
    public async Task Filing_AcceptedInTime_RenamesTheEnterprise_RecordsItsHistory_AndDoneTheObligation()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc, HolderSteps.AnpingUscc);
        Assert.Contains("href=\"/portal/change-filing\"", await (await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}")).GetStringAsync($"/holders/{WorkflowDriver.QingheUscc}"), StringComparison.Ordinal);
        var caseId = await StartAsync(WorkflowDriver.QingheUscc);
        var holderClient = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        // The form opens with the code and the present name.
        var draft = (await holderClient.GetFromJsonAsync<JsonObject>($"/api/forms/change-filing/draft?subject=workflow:{caseId}"))!;
        Assert.Equal((WorkflowDriver.QingheUscc, "清河县恒嘉羊绒制品有限公司"), (draft["data"]!["uscc"]!.GetValue<string>(), draft["data"]!["previousName"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await holderClient.GetAsync($"/cases/{caseId}/act/submit")).StatusCode);

        // A rename must name the new name; another enterprise's code is refused.
        var noName = await SubmitAsync(WorkflowDriver.QingheUscc, caseId, new JsonObject { ["previousName"] = "清河县恒嘉羊绒制品有限公司" });
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("变更后企业名称", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongCode = await SubmitAsync(WorkflowDriver.QingheUscc, caseId, new JsonObject { ["uscc"] = WorkflowDriver.XiongUscc, ["newName"] = "河北恒嘉羊绒集团有限公司" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Contains("统一社会信用代码须与本企业登记的代码一致", await wrongCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("filing", (await _steps.Drive.InstanceAsync(caseId)).CurrentStep);

        var effective = Today.AddDays(-20);
        var submitted = await SubmitAsync(WorkflowDriver.QingheUscc, caseId, new JsonObject
        {
            ["previousName"] = "清河县恒嘉羊绒制品有限公司", ["newName"] = "河北恒嘉羊绒集团有限公司", ["changeDate"] = Day(effective),
        });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        Assert.Equal("countyCheck", (await _steps.Drive.InstanceAsync(caseId)).CurrentStep);
        await _steps.Drive.CompleteOkAsync("county.130534", caseId, "approve");
        // The province takes three weeks: the month is counted to the holder's submission, not to the acceptance.
        factory.FakeClock.Advance(TimeSpan.FromDays(21));
        await _steps.Drive.CompleteOkAsync("province", caseId, "accept");

        var done = await _steps.Drive.InstanceAsync(caseId);
        Assert.Equal(("completed", "approved", "filed"), (done.Status, done.Outcome, done.CurrentStep));
        var holder = (await _steps.HolderAsync(WorkflowDriver.QingheUscc))!;
        Assert.Equal("河北恒嘉羊绒集团有限公司", await _steps.ReadAsync(db => db.Enterprises.IgnoreQueryFilters().Where(e => e.Id == holder.EnterpriseId).Select(e => e.Name).SingleAsync()));
        var filed = await _steps.ReadAsync(db => db.HolderEvents.IgnoreQueryFilters().SingleAsync(e => e.InstanceId == caseId));
        Assert.Equal(HolderEventKind.ChangeFiled, filed.Kind);
        Assert.False(filed.Public);
        Assert.Contains("企业名称由“清河县恒嘉羊绒制品有限公司”变更为“河北恒嘉羊绒集团有限公司”", filed.Text, StringComparison.Ordinal);
        var obligation = await _steps.ReadAsync(db => db.Obligations.IgnoreQueryFilters().SingleAsync(o => o.HolderId == holder.Id && o.Kind == ObligationKind.ChangeFiling));
        Assert.Equal((effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), effective.AddMonths(1), caseId), (obligation.Period, obligation.DueDate, obligation.InstanceId));
        Assert.Equal("done", obligation.StatusOn(Today));
        Assert.Equal(0, await _steps.ReadAsync(db => db.WorkflowInstances.IgnoreQueryFilters().CountAsync(i => i.DefinitionId == RevocationCases.WorkflowId && i.EnterpriseId == holder.EnterpriseId)));
        holderClient = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}"); // signed in again: three weeks outlast a session
        Assert.Contains("河北恒嘉羊绒集团有限公司", await holderClient.GetStringAsync("/portal"), StringComparison.Ordinal);
        Assert.Contains("已备案", await holderClient.GetStringAsync("/portal/change-filing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filing_MoreThanAMonthLate_RaisesARevocationCaseOnLateChange_WhenAccepted()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc, HolderSteps.AnpingUscc);
        var caseId = await StartAsync(WorkflowDriver.XiongUscc);
        var effective = Today.AddMonths(-1).AddDays(-1);
        var submitted = await SubmitAsync(WorkflowDriver.XiongUscc, caseId, new JsonObject
        {
            ["changeType"] = "merger", ["previousName"] = "雄县新宇塑料包装有限公司", ["changeDate"] = Day(effective),
            ["description"] = "吸收合并雄县同创包装材料有限公司。",
        });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        await _steps.Drive.CompleteOkAsync("county.130638", caseId, "approve");
        Assert.Equal(0, await RevocationsOfXiongAsync());
        await _steps.Drive.CompleteOkAsync("province", caseId, "accept", "并购事项属实，予以备案。");

        var revocation = await _steps.ReadAsync(db => db.WorkflowInstances.IgnoreQueryFilters()
            .SingleAsync(i => i.DefinitionId == RevocationCases.WorkflowId && i.Enterprise!.Uscc == WorkflowDriver.XiongUscc));
        Assert.Equal("statement", revocation.CurrentStep);
        var variables = JsonNode.Parse(revocation.VariablesJson)!;
        Assert.Equal(RevocationGrounds.LateChange, variables["ground"]!.GetValue<string>());
        var facts = variables["facts"]!.GetValue<string>();
        Assert.Contains($"{effective:yyyy年M月d日}发生并购", facts, StringComparison.Ordinal);
        Assert.Contains($"应于{effective.AddMonths(1):yyyy年M月d日}前备案", facts, StringComparison.Ordinal);
        Assert.Contains($"变更备案案件 {caseId}", facts, StringComparison.Ordinal);
        Assert.Equal(Actor.System.Name, revocation.StartedBy);
        var history = await _steps.ReadAsync(db => db.HolderEvents.IgnoreQueryFilters().Where(e => e.Holder!.Enterprise!.Uscc == WorkflowDriver.XiongUscc)
            .OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([HolderEventKind.Granted, HolderEventKind.ChangeFiled, HolderEventKind.RevocationOpened], history);
        // A merger keeps the name.
        Assert.Equal("雄县新宇塑料包装有限公司", await _steps.ReadAsync(db => db.Enterprises.Where(e => e.Uscc == WorkflowDriver.XiongUscc).Select(e => e.Name).SingleAsync()));
        Assert.Equal(("completed", "approved"), ((await _steps.Drive.InstanceAsync(caseId)).Status, (await _steps.Drive.InstanceAsync(caseId)).Outcome));
    }

    private Task<int> RevocationsOfXiongAsync() => _steps.ReadAsync(db => db.WorkflowInstances.IgnoreQueryFilters()
        .CountAsync(i => i.DefinitionId == RevocationCases.WorkflowId && i.Enterprise!.Uscc == WorkflowDriver.XiongUscc));

    [Fact]
    public async Task Filing_IsSeenAndCheckedOnlyByTheHoldersOwnCounty()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc, HolderSteps.AnpingUscc);
        var caseId = await StartAsync(HolderSteps.AnpingUscc);
        var submitted = await SubmitAsync(HolderSteps.AnpingUscc, caseId, new JsonObject
        {
            ["changeType"] = "reorganisation", ["previousName"] = "安平县聚力丝网制品有限公司", ["description"] = "引入战略投资者完成股权重组。",
        });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());

        var otherCounty = await factory.ClientFor("county.130534");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/api/instances/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/cases/{caseId}")).StatusCode);
        Assert.DoesNotContain((await _steps.Drive.InboxAsync("county.130534")).Tasks, t => t.InstanceId == caseId);
        var taskId = await _steps.Drive.TaskIdAsync("county.131125", caseId);
        var refused = await otherCounty.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "approve" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("countyCheck", (await _steps.Drive.InstanceAsync(caseId)).CurrentStep);

        // The own county returns it for correction; it is back with the holder.
        await _steps.Drive.CompleteOkAsync("county.131125", caseId, "return", "请补充重组协议。");
        Assert.Equal("filing", (await _steps.Drive.InstanceAsync(caseId)).CurrentStep);
    }

    [Fact]
    public async Task Filing_ByAnEnterpriseWithoutATitle_IsRefusedInChinese_AndStartsNothing()
    {
        var client = await factory.ClientFor($"ent.{HolderSteps.ShaheUscc}");
        var page = await client.GetStringAsync("/portal/change-filing");
        Assert.Contains("目前不是有效期内的“领跑者”企业", page, StringComparison.Ordinal);
        Assert.DoesNotContain("开始备案", page, StringComparison.Ordinal);
        var response = await client.PostAsync("/portal/change-filing", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不能办理更名、重组备案", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _steps.ReadAsync(db => db.WorkflowInstances.IgnoreQueryFilters().CountAsync(i => i.DefinitionId == "change-filing" && i.Enterprise!.Uscc == HolderSteps.ShaheUscc)));
        Assert.Contains("href=\"/portal/change-filing\"", await client.GetStringAsync("/portal"), StringComparison.Ordinal);
    }
}

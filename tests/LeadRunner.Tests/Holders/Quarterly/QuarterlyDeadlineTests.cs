using LeadRunner.Holders;
using LeadRunner.Holders.Revocation;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using static LeadRunner.Tests.Holders.Quarterly.QuarterlyScenario;

namespace LeadRunner.Tests.Holders.Quarterly;

/// <summary>
/// A quarter's update on the test clock: a reminder to the enterprise before the due date; once overdue, notices to the
/// enterprise, its county and its city; a late filing still fulfils it; a grace period without one opens a revocation case.
/// </summary>
public class QuarterlyDeadlineTests
{
    private static Task<List<Notification>> NoticesAsync(QuarterlyScenario scenario, long caseId) =>
        scenario.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.InstanceId == caseId).OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task Reminder_ThenOverdueNoticesToEnterpriseCountyAndCity_ThenALateFilingFulfilsIt()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync();
        await scenario.FileThirdQuarterAsync(holder, WorkflowDriver.QingheUscc);
        await scenario.MoveToAsync(At(2025, 1, 1));
        var q4 = await scenario.ObligationAsync(holder.Id, "2024Q4");
        var caseId = q4.InstanceId!.Value;
        Assert.Empty(await NoticesAsync(scenario, caseId));

        // Due Wednesday 2025-01-15: the reminder goes at the start of the second working day before it, Tuesday 01-14.
        await scenario.MoveToAsync(At(2025, 1, 13, 23, 0));
        Assert.Empty(await NoticesAsync(scenario, caseId));
        await scenario.MoveToAsync(At(2025, 1, 14, 8, 0));
        var reminder = Assert.Single(await NoticesAsync(scenario, caseId));
        Assert.Equal(("enterprise", holder.EnterpriseId), (reminder.Role, reminder.EnterpriseId));
        Assert.Equal("办理期限提醒：距办理期限还有2个工作日", reminder.Title);
        Assert.Contains("2025-01-15", reminder.Message, StringComparison.Ordinal);

        // Still in time on the last day; overdue from the first minute after it.
        await scenario.MoveToAsync(At(2025, 1, 15, 23, 50));
        Assert.Equal("fill", (await scenario.Drive.InstanceAsync(caseId)).CurrentStep);
        Assert.Equal("open", (await scenario.ObligationAsync(holder.Id, "2024Q4")).StatusOn(new DateOnly(2025, 1, 15)));
        await scenario.MoveToAsync(At(2025, 1, 16, 0, 1));
        var overdue = await scenario.Drive.InstanceAsync(caseId);
        Assert.Equal("overdue", overdue.CurrentStep);
        Assert.Equal("lapse", overdue.Journal.Single(j => j.FromStep == "fill" && j.ToStep == "overdue").Action);

        var notices = (await NoticesAsync(scenario, caseId)).Where(n => n.Title.StartsWith("季度数据逾期未报送", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, notices.Count);
        Assert.Contains(notices, n => n.Role == "enterprise" && n.EnterpriseId == holder.EnterpriseId && n.Message.Contains("宽限期满仍未报送的，将启动撤销", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Role == "county" && n.CountyCode == "130534" && n.Message.Contains("请督促企业补报", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Role == "city" && n.UnitCode == "130500" && n.Message.Contains("2024年第四季度", StringComparison.Ordinal));
        Assert.All(notices, n => Assert.Contains("2025-01-15", n.Message, StringComparison.Ordinal));
        // The other county and city hear nothing of it.
        Assert.DoesNotContain(await NoticesAsync(scenario, caseId), n => n.CountyCode == "130638" || n.UnitCode == "133100");

        // The enterprise files late, within the grace: the obligation is done and the county hears so.
        await scenario.MoveToAsync(At(2025, 1, 20, 10));
        var filed = await scenario.FileAsync(WorkflowDriver.QingheUscc, caseId);
        Assert.True(filed.IsSuccessStatusCode, await filed.Content.ReadAsStringAsync());
        Assert.Equal(At(2025, 1, 20, 10), (await scenario.ObligationAsync(holder.Id, "2024Q4")).DoneAt);
        Assert.Contains(await NoticesAsync(scenario, caseId), n => n.Role == "county" && n.Title.StartsWith("已补报季度数据", StringComparison.Ordinal));
        Assert.Equal("submitted", (await scenario.Drive.InstanceAsync(caseId)).Outcome);

        // The grace passes without anything more happening: no revocation.
        await scenario.MoveToAsync(At(2025, 3, 1));
        Assert.Null(await scenario.WithDbAsync(db => RevocationCases.OpenCaseAsync(db, holder.Id)));
    }

    [Fact]
    public async Task GracePeriodWithoutAFiling_OpensARevocationCaseOnGroundNoReport()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync(WorkflowDriver.XiongUscc);
        await scenario.FileThirdQuarterAsync(holder, WorkflowDriver.XiongUscc);
        await scenario.MoveToAsync(At(2025, 1, 1));
        var caseId = (await scenario.ObligationAsync(holder.Id, "2024Q4")).InstanceId!.Value;

        // Due 2025-01-15, 30 days of grace (the round's quarterlyUpdate.graceDays): the last day to file late is 02-14.
        await scenario.MoveToAsync(At(2025, 2, 14, 23, 50));
        Assert.Equal("overdue", (await scenario.Drive.InstanceAsync(caseId)).CurrentStep);
        Assert.Null(await scenario.WithDbAsync(db => RevocationCases.OpenCaseAsync(db, holder.Id)));

        await scenario.MoveToAsync(At(2025, 2, 15, 0, 5));
        var lapsed = await scenario.Drive.InstanceAsync(caseId);
        Assert.Equal(("completed", "lapsed"), (lapsed.Status, lapsed.Outcome));
        var revocation = await scenario.WithDbAsync(db => RevocationCases.OpenCaseAsync(db, holder.Id));
        Assert.NotNull(revocation);
        var opened = await scenario.Drive.InstanceAsync(revocation.Id);
        Assert.Equal(("revocation", "statement"), (opened.DefinitionId, opened.CurrentStep));
        Assert.Equal(RevocationGrounds.NoReport, opened.Variables!["ground"]!.GetValue<string>());
        Assert.Equal(holder.Id, opened.Variables["holderId"]!.GetValue<long>());
        Assert.Contains("2024年第四季度", opened.Variables["facts"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("系统", opened.Journal[0].Actor);
        Assert.Contains(await NoticesAsync(scenario, caseId), n => n.Role == "province" && n.Title.StartsWith("季度数据宽限期满未报送", StringComparison.Ordinal));
        Assert.Equal("overdue", (await scenario.ObligationAsync(holder.Id, "2024Q4")).StatusOn(new DateOnly(2025, 2, 15)));
        var events = await scenario.WithDbAsync(db => db.HolderEvents.IgnoreQueryFilters().Where(e => e.HolderId == holder.Id).Select(e => e.Kind).ToListAsync());
        Assert.Contains(HolderEventKind.RevocationOpened, events);

        // The timer fired once: running again opens no second case.
        await scenario.MoveToAsync(At(2025, 2, 16));
        Assert.Equal(1, await scenario.WithDbAsync(db => db.WorkflowInstances.IgnoreQueryFilters().CountAsync(i => i.DefinitionId == "revocation")));
    }
}

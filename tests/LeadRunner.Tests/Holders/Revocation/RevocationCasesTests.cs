using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Holders.Revocation;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Holders.Revocation;

/// <summary>A revocation case from its opening to the decision, on a holder made by a real recognition case.</summary>
public class RevocationCasesTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly WorkflowDriver _drive = new(factory);

    private async Task<(long CaseId, TitleHolder Holder)> RaiseAsync(string uscc, string ground)
    {
        await _drive.ToHolderAsync(uscc, uscc == WorkflowDriver.XiongUscc ? "county.130638" : "county.130534", uscc == WorkflowDriver.XiongUscc ? "city.133100" : "city.130500");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var holder = await db.TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Enterprise!.Uscc == uscc);
        var outcome = await scope.ServiceProvider.GetRequiredService<RevocationCases>().RaiseAsync(db, holder, ground, "2025年第一季度数据逾期未报送。", Actor.System);
        var done = Assert.IsType<TransitionOutcome.Done>(outcome);
        await db.SaveChangesAsync();

        // Raising again while the case runs returns the same case rather than a second one.
        var again = Assert.IsType<TransitionOutcome.Done>(await scope.ServiceProvider.GetRequiredService<RevocationCases>().RaiseAsync(db, holder, ground, "重复", Actor.System));
        Assert.Equal(done.Instance.Id, again.Instance.Id);
        return (done.Instance.Id, holder);
    }

    [Fact]
    public async Task Revoke_AfterTheHoldersStatement_EndsTheTitleAndLogsItPublicly()
    {
        var (caseId, holder) = await RaiseAsync(WorkflowDriver.QingheUscc, RevocationGrounds.NoReport);
        Assert.Equal("statement", (await _drive.InstanceAsync(caseId)).CurrentStep);

        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", caseId, "state", data: new { statement = "第一季度数据已于4月20日补报。" });
        Assert.Equal("decision", (await _drive.InstanceAsync(caseId)).CurrentStep);
        // A change filing under way when the title is revoked stops with it.
        long filing;
        await using (var start = factory.Services.CreateAsyncScope())
        {
            var started = await start.ServiceProvider.GetRequiredService<LeadRunner.Workflow.Runtime.Engine.StartCase>().StartAsync("change-filing", holder.EnterpriseId,
                new System.Text.Json.Nodes.JsonObject { ["year"] = 2024, ["holderId"] = holder.Id }, Actor.System);
            filing = Assert.IsType<TransitionOutcome.Done>(started).Instance.Id;
        }
        await _drive.CompleteOkAsync("province", caseId, "revoke", "补报超过宽限期，按第十六条撤销。");
        var stopped = await _drive.InstanceAsync(filing);
        Assert.Equal(("completed", "cancelled", "close"), (stopped.Status, stopped.Outcome, stopped.Journal[^1].Action));
        Assert.Empty(stopped.OpenTasks);

        var done = await _drive.InstanceAsync(caseId);
        Assert.Equal(("completed", "approved"), (done.Status, done.Outcome));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var revoked = await db.TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Id == holder.Id);
        Assert.Equal(HolderStatus.Revoked, revoked.Status);
        Assert.NotNull(revoked.EndedOn);
        var logged = await db.HolderEvents.IgnoreQueryFilters().Where(e => e.HolderId == holder.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([HolderEventKind.Granted, HolderEventKind.RevocationOpened, HolderEventKind.Revoked], logged.Select(e => e.Kind));
        Assert.True(logged[^1].Public);
        Assert.Contains("不按要求报送季度数据和信息", logged[^1].Text, StringComparison.Ordinal);
        Assert.False(logged[1].Public); // an opened case is not published: only the decision is

        // A revoked title takes no second revocation case.
        var again = await scope.ServiceProvider.GetRequiredService<RevocationCases>().RaiseAsync(db, revoked, RevocationGrounds.Violation, "再次", Actor.System);
        Assert.Contains("已撤销", Assert.IsType<TransitionOutcome.Conflict>(again).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_NotGivenInTenWorkingDays_GoesToTheProvinceByItsTimer_AndDismissKeepsTheTitle()
    {
        var (caseId, holder) = await RaiseAsync(WorkflowDriver.XiongUscc, RevocationGrounds.Violation);
        // Ten working days for the statement: not yet moved the day before they end, moved once they have.
        factory.FakeClock.Advance(TimeSpan.FromDays(10));
        await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync();
        Assert.Equal("statement", (await _drive.InstanceAsync(caseId)).CurrentStep);
        factory.FakeClock.Advance(TimeSpan.FromDays(10));
        await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync();
        var atDecision = await _drive.InstanceAsync(caseId);
        Assert.Equal("decision", atDecision.CurrentStep);
        Assert.Equal("noStatement", atDecision.Journal[^1].Action);

        await _drive.CompleteOkAsync("province", caseId, "dismiss", "经核查，事故不属于重大事故。");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.Equal(HolderStatus.Valid, (await db.TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Id == holder.Id)).Status);
        Assert.DoesNotContain(await db.HolderEvents.IgnoreQueryFilters().Where(e => e.HolderId == holder.Id).Select(e => e.Kind).ToListAsync(), k => k == HolderEventKind.Revoked);
    }

    [Fact]
    public async Task Raise_WithAGroundOutsideArticle16_IsRefused()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var holder = new TitleHolder { EnterpriseId = 1, Year = 2024, GrantedOn = new DateOnly(2024, 9, 10), ReReviewDueOn = new DateOnly(2027, 9, 10) };
        var outcome = await scope.ServiceProvider.GetRequiredService<RevocationCases>().RaiseAsync(db, holder, "dislike", "无", Actor.System);
        Assert.Equal("ground", Assert.IsType<TransitionOutcome.Invalid>(outcome).Field);
    }
}

using System.Net;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Holders.ReReview;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Holders.ReReview;

/// <summary>The three-year re-review (第五条): scheduling into the open round, the review chain, renewal or the end of the title.</summary>
public class ReReviewTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly WorkflowDriver _drive = new(factory);

    private static readonly object Materials = new
    {
        revenue = 820000000, tax = 31000000, profit = 64000000, rdExpense = 30000000, stillMeetsConditions = true,
        leadingRole = "带动集群内 12 家配套企业开展工艺协同。", changes = "无",
    };

    /// <summary>A real holder whose re-review date is moved into 2024 (the open round): three years are not waited out.</summary>
    private async Task<TitleHolder> DueHolderAsync(string uscc, string county, string city)
    {
        await _drive.ToHolderAsync(uscc, county, city);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var holder = await db.TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Enterprise!.Uscc == uscc);
        holder.ReReviewDueOn = new DateOnly(2024, 12, 1);
        await db.SaveChangesAsync();
        return holder;
    }

    private async Task<(TitleHolder Holder, Obligation Obligation)> ReadAsync(long holderId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return (await db.TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Id == holderId),
            await db.Obligations.IgnoreQueryFilters().SingleAsync(o => o.HolderId == holderId && o.Kind == ObligationKind.ReReview));
    }

    [Fact]
    public async Task DueHolder_IsScheduledOnceByTheProvince_AndRenewedAfterTheChainOfReview()
    {
        var holder = await DueHolderAsync(WorkflowDriver.QingheUscc, "county.130534", "city.130500");

        // A county may not schedule; the province does, from the holder list.
        var county = await factory.ClientFor("county.130534");
        var refused = await county.PostAsync("/holders?handler=ReReview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(await county.GetStringAsync("/holders")),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HolderStatus.Valid, (await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<LeadRunnerDb>()
            .TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Id == holder.Id)).Status);

        var province = await factory.ClientFor("province");
        var posted = await province.PostAsync("/holders?handler=ReReview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(await province.GetStringAsync("/holders")),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("纳入 2024 年度复核", await province.GetStringAsync("/holders"), StringComparison.Ordinal);

        var (scheduled, obligation) = await ReadAsync(holder.Id);
        Assert.Equal(HolderStatus.ReReview, scheduled.Status);
        Assert.Equal(("2024", new DateOnly(2024, 9, 12)), (obligation.Period, obligation.DueDate)); // the round's city deadline
        var caseId = obligation.InstanceId!.Value;
        var atStart = await _drive.InstanceAsync(caseId);
        Assert.Equal(("re-review", "submission"), (atStart.DefinitionId, atStart.CurrentStep));

        // Scheduling again adds nobody twice.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<ReReviewScheduler>().ScheduleDueAsync(Actor.System);
            Assert.Equal((2024, 0), (again.Year, again.Scheduled));
        }

        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", caseId, "submit", data: Materials);
        Assert.NotNull((await ReadAsync(holder.Id)).Obligation.DoneAt); // the re-review obligation is met by the submission
        await _drive.CompleteOkAsync("county.130534", caseId, "approve");
        await _drive.CompleteOkAsync("city.130500", caseId, "approve");
        await _drive.CompleteOkAsync("province", caseId, "renew");

        var (renewed, _) = await ReadAsync(holder.Id);
        Assert.Equal(HolderStatus.Valid, renewed.Status);
        var today = DateOnly.FromDateTime(factory.FakeClock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        Assert.Equal(today.AddYears(3), renewed.ReReviewDueOn); // a new three-year term from the renewal
        await using var read = factory.Services.CreateAsyncScope();
        var kinds = await read.ServiceProvider.GetRequiredService<LeadRunnerDb>().HolderEvents.IgnoreQueryFilters()
            .Where(e => e.HolderId == holder.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal([HolderEventKind.Granted, HolderEventKind.ReReviewScheduled, HolderEventKind.Renewed], kinds);
    }

    [Fact]
    public async Task ProvinceEndingTheReReview_ExpiresTheTitle()
    {
        var holder = await DueHolderAsync(WorkflowDriver.XiongUscc, "county.130638", "city.133100");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ReReviewScheduler>().ScheduleDueAsync(Actor.System)).Scheduled >= 1);
        }
        var caseId = (await ReadAsync(holder.Id)).Obligation.InstanceId!.Value;
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.XiongUscc}", caseId, "submit", data: Materials);
        await _drive.CompleteOkAsync("county.130638", caseId, "approve");
        await _drive.CompleteOkAsync("city.133100", caseId, "approve");
        var withoutReason = await _drive.CompleteAsync("province", caseId, "end");
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        await _drive.CompleteOkAsync("province", caseId, "end", "研发投入占比连续两年低于认定条件。");

        var (ended, _) = await ReadAsync(holder.Id);
        Assert.Equal(HolderStatus.Expired, ended.Status);
        Assert.NotNull(ended.EndedOn);
        var done = await _drive.InstanceAsync(caseId);
        Assert.Equal(("ended", "rejected"), (done.CurrentStep, done.Outcome));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Programmes;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.ReReview;

/// <summary>
/// Schedules holders whose title is three years old (re-review date within the round's year) into the open round's
/// re-review (第五条): the holder goes to 复核中, owes a re-review by the round's enterprise deadline, and a re-review
/// case starts. Idempotent: a holder already scheduled for that round is skipped. One transaction per holder, so one
/// holder's problem does not hold back the others.
/// </summary>
public sealed class ReReviewScheduler(LeadRunnerDb db, WriteTransactions writes, StartCase startCase, HolderYear years, ProgrammeSettings programmes, ILogger<ReReviewScheduler> logger)
{
    public const string WorkflowId = "re-review";

    public sealed record Result(int? Year, int Scheduled, IReadOnlyList<string> Failures);

    public async Task<Result> ScheduleDueAsync(Actor actor, CancellationToken ct = default)
    {
        if (years.Current() is not { } year)
        {
            return new Result(null, 0, [HolderYear.NoOpenRound]);
        }
        var period = year.ToString(CultureInfo.InvariantCulture);
        var lastDay = new DateOnly(year, 12, 31);
        var due = await db.TitleHolders.IgnoreQueryFilters()
            .Where(h => h.Status == HolderStatus.Valid && h.ReReviewDueOn <= lastDay)
            .Where(h => !db.Obligations.IgnoreQueryFilters().Any(o => o.HolderId == h.Id && o.Kind == ObligationKind.ReReview && o.Period == period))
            .Select(h => h.Id).ToListAsync(ct);
        var scheduled = 0;
        var failures = new List<string>();
        foreach (var id in due)
        {
            var outcome = await writes.RunAsync(() => ScheduleWithinAsync(id, year, period, actor), o => o is TransitionOutcome.Done, message => new TransitionOutcome.Conflict(message));
            if (outcome is TransitionOutcome.Done)
            {
                scheduled++;
            }
            else
            {
                logger.LogWarning("称号 {Holder} 未能纳入 {Year} 年度复核：{Outcome}", id, year, outcome);
                failures.Add(outcome.ToString());
            }
        }
        return new Result(year, scheduled, failures);
    }

    private async Task<TransitionOutcome> ScheduleWithinAsync(long holderId, int year, string period, Actor actor)
    {
        var holder = await db.TitleHolders.IgnoreQueryFilters().FirstAsync(h => h.Id == holderId);
        var outcome = await startCase.StartWithinAsync(db, WorkflowId, holder.EnterpriseId, new JsonObject { ["year"] = year, ["holderId"] = holder.Id }, actor);
        if (outcome is not TransitionOutcome.Done done)
        {
            return outcome;
        }
        holder.Status = HolderStatus.ReReview;
        holder.Revision++;
        var dueDate = DueDate(year) ?? holder.ReReviewDueOn;
        db.Obligations.Add(new Obligation
        {
            HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, Kind = ObligationKind.ReReview, Period = period,
            DueDate = dueDate, InstanceId = done.Instance.Id,
        });
        db.HolderEvents.Add(new HolderEvent
        {
            HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, At = done.Instance.StartedAt, Kind = HolderEventKind.ReReviewScheduled,
            Text = $"称号满三年，纳入{year}年度复核，复核材料请于{dueDate:yyyy年M月d日}前报送。", By = actor.Name, InstanceId = done.Instance.Id,
        });
        await db.SaveChangesAsync();
        return done;
    }

    /// <summary>The round's own deadline for enterprises, else the city's: re-review materials go through the same chain.</summary>
    private DateOnly? DueDate(int year)
    {
        var deadlines = programmes.ForYear(year)?["deadlines"];
        foreach (var name in new[] { "enterprise", "city" })
        {
            if (deadlines?[name] is JsonValue value && value.TryGetValue<string>(out var text)
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
        }
        return null;
    }
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// Ends running cases that no longer have a purpose (a revoked title's quarterly updates and filings), inside the
/// caller's transaction: open tasks and pending timers are cancelled, the case completes with outcome "cancelled"
/// and the journal says why.
/// </summary>
public static class CaseClosing
{
    public const string Outcome = "cancelled";

    public static async Task<int> CloseWithinAsync(LeadRunnerDb db, IQueryable<WorkflowInstance> running, string reason, string actor, DateTimeOffset now)
    {
        var cases = await running.Where(i => i.Status == InstanceStatus.Running).ToListAsync();
        foreach (var instance in cases)
        {
            await db.Tasks.IgnoreQueryFilters().Where(t => t.InstanceId == instance.Id && t.Status == HumanTaskStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, HumanTaskStatus.Cancelled).SetProperty(t => t.Revision, t => t.Revision + 1));
            await db.Timers.Where(t => t.InstanceId == instance.Id && t.Status == TimerStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TimerStatus.Cancelled).SetProperty(t => t.Revision, t => t.Revision + 1));
            instance.Status = InstanceStatus.Completed;
            instance.Outcome = Outcome;
            instance.EndedAt = now;
            instance.Revision++;
            db.Journal.Add(new JournalEntry
            {
                InstanceId = instance.Id, At = now, Actor = actor, FromStep = instance.CurrentStep, ToStep = instance.CurrentStep,
                Action = "close", ActionLabel = "终止办理", Comment = reason,
            });
        }
        return cases.Count;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// After a year's settings change, moves the deadlines of that round's running cases to what the new settings give:
/// the open tasks' due dates and the step's timer, with one journal entry per case that moved. Cases of other rounds
/// are not read. Works inside the saver's transaction and saves nothing, so the settings and the plan change together.
/// </summary>
public sealed class DeadlineReplanner(LeadRunnerDb db, DefinitionCache definitions, Deadlines deadlines, TimeProvider clock, Notifications.DeadlineReminders reminders,
    Programmes.ProgrammeSettings programmes)
{
    private sealed record Case(long Id, string DefinitionId, int Version, string Step, DateTimeOffset EnteredAt, string VariablesJson);

    /// <summary>Re-plans round <paramref name="year"/> for its new <paramref name="settings"/>; returns how many cases moved.</summary>
    public async Task<int> ReplanWithinAsync(int year, JsonObject settings, int settingsVersion, string user)
    {
        // The settings as saved so far (the tracked programme may already hold the new ones).
        var before = await db.Programmes.AsNoTracking().Where(p => p.Year == year).Select(p => p.SettingsJson).FirstOrDefaultAsync() is { } json
            ? JsonNode.Parse(json)?.AsObject() : null;
        var cases = await db.WorkflowInstances.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.RoundYear == year && i.Status == InstanceStatus.Running)
            .Select(i => new Case(i.Id, i.DefinitionId, i.Version, i.CurrentStep, i.StepEnteredAt, i.VariablesJson)).ToListAsync();
        var affected = new List<(Case Case, StepDefinition Step, DateTimeOffset DueAt)>();
        foreach (var c in cases)
        {
            var step = (await definitions.GetAsync(db, c.DefinitionId, c.Version))?.Step(c.Step);
            // A deadline the new settings no longer give (e.g. a cleared date) is kept as it was: the case is not left without one.
            var variables = step?.Deadline?.Kind == DeadlineKind.Variable ? JsonNode.Parse(c.VariablesJson) as JsonObject : null;
            if (step?.Deadline is { } deadline && DueAt(deadline, c.EnteredAt, settings, variables) is { } due && DueAt(deadline, c.EnteredAt, before, variables) != due)
            {
                affected.Add((c, step, due));
            }
        }
        if (affected.Count == 0)
        {
            return 0;
        }

        return await MoveAsync(affected, user, $"{year} 年度批次设置第 {settingsVersion} 版修改了期限。");
    }

    /// <summary>
    /// Re-plans one running case whose deadline is read from its variables (a <see cref="DeadlineKind.Variable"/>
    /// deadline) after they changed, e.g. a quarter's due date moved by a disclosure. Works on the tracked
    /// <paramref name="instance"/> inside the caller's transaction and saves nothing; true when its deadline moved.
    /// </summary>
    public async Task<bool> ReplanCaseWithinAsync(WorkflowInstance instance, string user, string reason)
    {
        if (instance.Status != InstanceStatus.Running)
        {
            return false;
        }
        var step = (await definitions.GetAsync(db, instance.DefinitionId, instance.Version))?.Step(instance.CurrentStep);
        var settings = instance.RoundYear is { } year ? programmes.ForYear(year) : null;
        var variables = JsonNode.Parse(instance.VariablesJson) as JsonObject;
        if (step?.Deadline is not { } deadline || DueAt(deadline, instance.StepEnteredAt, settings, variables) is not { } due)
        {
            return false;
        }
        var c = new Case(instance.Id, instance.DefinitionId, instance.Version, instance.CurrentStep, instance.StepEnteredAt, instance.VariablesJson);
        return await MoveAsync([(c, step, due)], user, reason) > 0;
    }

    /// <summary>Moves the open tasks, the pending deadline timer and the reminder of each case to its new deadline; returns how many moved.</summary>
    private async Task<int> MoveAsync(List<(Case Case, StepDefinition Step, DateTimeOffset DueAt)> affected, string user, string reason)
    {
        var ids = affected.Select(a => a.Case.Id).ToList();
        var tasks = (await db.Tasks.IgnoreQueryFilters().Where(t => ids.Contains(t.InstanceId) && t.Status == HumanTaskStatus.Open).ToListAsync())
            .ToLookup(t => (t.InstanceId, t.StepId));
        var timers = (await db.Timers.Where(t => ids.Contains(t.InstanceId) && (t.Status == TimerStatus.Pending || t.Status == TimerStatus.Fired)).ToListAsync())
            .ToLookup(t => (t.InstanceId, t.StepId));
        var now = clock.GetUtcNow();
        var moved = 0;
        foreach (var (c, step, due) in affected)
        {
            var open = tasks[(c.Id, c.Step)].ToList();
            var pending = timers[(c.Id, c.Step)].Where(t => t.Status == TimerStatus.Pending && t.Kind == TimerKind.Deadline).ToList();
            if (open.All(t => t.DueAt == due) && pending.All(t => t.DueAt == due))
            {
                continue;
            }
            var was = open.Select(t => t.DueAt).FirstOrDefault(d => d is not null) ?? pending.FirstOrDefault()?.DueAt;
            foreach (var task in open)
            {
                // Overdue is read from DueAt (inbox, case page), so it follows. An escalated task stays escalated:
                // a later date does not hand it back to the level that let it lapse.
                task.DueAt = due;
            }
            foreach (var timer in pending)
            {
                timer.DueAt = due;
                timer.Revision++;
            }
            // The reminder before the deadline moves with it: the old one goes, a new one is planned for the new date.
            foreach (var reminder in timers[(c.Id, c.Step)].Where(t => t.Status == TimerStatus.Pending && t.Kind == TimerKind.Reminder))
            {
                reminder.Status = TimerStatus.Cancelled;
                reminder.Revision++;
            }
            if (open.Count > 0)
            {
                reminders.Schedule(db, c.Id, c.Step, pending.FirstOrDefault()?.StepEntryRevision ?? 0, due, now);
            }
            var lastFired = timers[(c.Id, c.Step)].Where(t => t.Status == TimerStatus.Fired && t.Kind == TimerKind.Deadline && t.FiredAt >= c.EnteredAt).MaxBy(t => t.Id);
            var again = lastFired is not null && pending.Count == 0 && due > now && !open.Any(t => t.Escalated);
            if (again)
            {
                // This visit's deadline already fired (a reminder went out) and the new one is ahead: it fires again then.
                // Not after an escalation, which would escalate a second level for a date that was only moved.
                db.Timers.Add(new WorkflowTimer { InstanceId = c.Id, StepId = c.Step, StepEntryRevision = lastFired!.StepEntryRevision, DueAt = due });
            }
            db.Journal.Add(new JournalEntry
            {
                InstanceId = c.Id, At = now, Actor = user, FromStep = c.Step, ToStep = c.Step, Action = "replan", ActionLabel = Label(step.Title, was, due),
                Comment = reason + (!again ? "" : step.Deadline!.OnExpiry == ExpiryAction.Escalate ? "新期限届满仍未办理的，将上报上级。" : "新期限届满仍未办理的，将再次提醒。"),
            });
            moved++;
        }
        return moved;
    }

    private DateTimeOffset? DueAt(DeadlineDefinition deadline, DateTimeOffset enteredAt, JsonObject? settings, JsonObject? variables)
    {
        try
        {
            return deadlines.DueAt(deadline, enteredAt, settings, variables);
        }
        catch (ScriptFailureException)
        {
            return null; // the settings (or variables) do not give this deadline
        }
    }

    /// <summary>What moved, by last day; the journal's label holds 50 characters, so a long step title is left to the step column.</summary>
    private static string Label(string stepTitle, DateTimeOffset? was, DateTimeOffset due)
    {
        var change = $"截止由 {Day(was)} 改为 {Day(due)}";
        var label = $"期限调整：{stepTitle}{change}";
        return label.Length <= 50 ? label : $"期限调整：{change}";
    }

    private static string Day(DateTimeOffset? dueAt) =>
        dueAt is { } at ? at.AddTicks(-1).TodayIn().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "未定";
}

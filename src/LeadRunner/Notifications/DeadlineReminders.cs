using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Notifications;

/// <summary>
/// Reminds a task's assignee before its deadline, not only after: a durable <see cref="TimerKind.Reminder"/> timer due
/// at the start of the Nth working day before the last day (<c>Notifications:ReminderWorkingDays</c>, default 2; 0 turns
/// reminders off). The timer belongs to the step, so leaving it (completing the task) cancels it like the deadline's.
/// </summary>
public sealed class DeadlineReminders(WorkingDayCalendar calendar, IConfiguration configuration)
{
    public int WorkingDays { get; } = Math.Max(0, configuration.GetValue("Notifications:ReminderWorkingDays", 2));

    /// <summary>Adds the reminder of a task due at <paramref name="dueAt"/>, unless its moment has already passed.</summary>
    public void Schedule(LeadRunnerDb db, long instanceId, string stepId, int stepEntryRevision, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (WorkingDays > 0 && ReminderAt(dueAt) is { } at && at > now)
        {
            db.Timers.Add(new WorkflowTimer { InstanceId = instanceId, StepId = stepId, StepEntryRevision = stepEntryRevision, Kind = TimerKind.Reminder, DueAt = at });
        }
    }

    public void Schedule(CaseContext context, string stepId, DateTimeOffset dueAt) =>
        Schedule(context.Db, context.Instance.Id, stepId, context.Instance.Revision, dueAt, context.Now);

    /// <summary>
    /// Fires a due reminder inside the timer runner's transaction: one notification per open task of the step that is not
    /// yet overdue. False (and the timer cancelled) when there is none left to remind of.
    /// </summary>
    public async Task<bool> FireWithinAsync(LeadRunnerDb db, WorkflowTimer timer, DateTimeOffset now)
    {
        timer.FiredAt = now;
        timer.Revision++;
        // Background work: the timer's own case, whoever's region it is in.
        var tasks = await db.Tasks.IgnoreQueryFilters()
            .Where(t => t.InstanceId == timer.InstanceId && t.StepId == timer.StepId && t.Status == HumanTaskStatus.Open && t.DueAt > now)
            .ToListAsync();
        if (tasks.Count == 0)
        {
            timer.Status = TimerStatus.Cancelled; // completed, or already overdue: the deadline's own timer speaks then
            return false;
        }
        timer.Status = TimerStatus.Fired;
        foreach (var task in tasks)
        {
            var due = task.DueAt!.Value;
            var lastDay = LastDay(due);
            var remaining = Remaining(now, lastDay);
            await NotificationOutbox.AddAsync(db, new Notification
            {
                InstanceId = task.InstanceId, Role = task.Role, EnterpriseId = task.EnterpriseId, CountyCode = task.CountyCode, UnitCode = task.UnitCode,
                Title = $"办理期限提醒：距办理期限还有{remaining}个工作日",
                Message = $"“{task.Title}”须在 {lastDay:yyyy-MM-dd} 前办理完毕，距办理期限还有{remaining}个工作日，请及时办理。",
                CreatedAt = now,
            });
            db.Journal.Add(new JournalEntry
            {
                InstanceId = task.InstanceId, At = now, Actor = Actor.System.Name, FromStep = task.StepId, ToStep = task.StepId,
                Action = "remindBeforeDeadline", ActionLabel = $"期限前提醒（还有{remaining}个工作日）",
            });
        }
        return true;
    }

    /// <summary>The start of the Nth working day counted back from the last day (the last day itself is the first).</summary>
    private DateTimeOffset? ReminderAt(DateTimeOffset dueAt)
    {
        var day = LastDay(dueAt);
        for (int found = 0, scanned = 0; scanned < 366; scanned++, day = day.AddDays(-1))
        {
            if (calendar.IsWorkingDay(day) && ++found == WorkingDays)
            {
                return day.StartOfDayInChina();
            }
        }
        return null;
    }

    /// <summary>Working days from today to the last day, both counted.</summary>
    private int Remaining(DateTimeOffset now, DateOnly lastDay)
    {
        var count = 0;
        for (var day = now.TodayIn(); day <= lastDay; day = day.AddDays(1))
        {
            count += calendar.IsWorkingDay(day) ? 1 : 0;
        }
        return count;
    }

    // A deadline is the first instant after its last day (Deadlines.DueAt).
    private static DateOnly LastDay(DateTimeOffset dueAt) => dueAt.AddTicks(-1).TodayIn();
}

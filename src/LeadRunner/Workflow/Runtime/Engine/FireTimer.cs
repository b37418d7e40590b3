using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime.Engine;

/// <summary>A step's deadline expires: remind, escalate, or take the named transition as the system.</summary>
public sealed class FireTimer(LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, CaseTransitions core)
{
    /// <summary>Fires the timer inside the <see cref="TimerRunner"/>'s transaction, which also marks it fired.</summary>
    internal async Task FireWithinAsync(WorkflowTimer timer)
    {
        var instance = await db.WorkflowInstances.IgnoreQueryFilters().FirstAsync(i => i.Id == timer.InstanceId);
        timer.Status = TimerStatus.Fired;
        timer.FiredAt = clock.GetUtcNow();
        timer.Revision++;
        if (instance.Status != InstanceStatus.Running || instance.CurrentStep != timer.StepId)
        {
            timer.Status = TimerStatus.Cancelled; // the case left the step; the deadline no longer applies
            return;
        }
        // Written now (inside the caller's transaction) so that leaving the step does not cancel this very timer.
        await db.SaveChangesAsync();
        var definition = (await definitions.GetAsync(db, instance.DefinitionId, instance.Version))!;
        var step = definition.Step(timer.StepId)!;
        var deadline = step.Deadline!;
        switch (deadline.OnExpiry)
        {
            case ExpiryAction.Transition:
                var transition = definition.From(step.Id).First(t => t.Key == deadline.Transition);
                var outcome = await core.TransitionAsync(instance, definition, transition, null, null, Actor.System, checkRole: false);
                if (outcome is not TransitionOutcome.Done)
                {
                    throw new ScriptFailureException(outcome switch
                    {
                        TransitionOutcome.Invalid invalid => invalid.Message,
                        TransitionOutcome.Conflict conflict => conflict.Message,
                        _ => outcome.ToString(),
                    });
                }
                break;
            case ExpiryAction.Remind:
            case ExpiryAction.Escalate:
                await ExpireTasksAsync(instance, step, deadline.OnExpiry);
                break;
        }
    }

    private async Task ExpireTasksAsync(WorkflowInstance instance, StepDefinition step, ExpiryAction action)
    {
        var now = clock.GetUtcNow();
        var party = instance.EnterpriseId is { } id ? await CaseTransitions.LoadPartyAsync(db, id) : null;
        var tasks = await db.Tasks.IgnoreQueryFilters().Where(t => t.InstanceId == instance.Id && t.StepId == step.Id && t.Status == HumanTaskStatus.Open).ToListAsync();
        foreach (var task in tasks)
        {
            var label = "逾期提醒";
            if (action == ExpiryAction.Escalate && RegionRouting.NextLevel(task.Role) is { } next)
            {
                var scope = next == Roles.City ? ScopeRule.ApplicantUnit : ScopeRule.Province;
                (task.EnterpriseId, task.CountyCode, task.UnitCode) = RegionRouting.Resolve(scope, party);
                task.Role = next;
                task.Escalated = true;
                task.ClaimedBy = null;
                task.Revision++;
                label = $"逾期上报{Roles.ChineseNames[next]}";
            }
            await Notifications.NotificationOutbox.AddAsync(db, new Notification
            {
                InstanceId = instance.Id, Role = task.Role, EnterpriseId = task.EnterpriseId, CountyCode = task.CountyCode, UnitCode = task.UnitCode,
                Title = $"{label}：{step.Title}", Message = $"“{instance.Title}”的“{step.Title}”已超过办理期限。", CreatedAt = now,
            });
            db.Journal.Add(new JournalEntry
            {
                InstanceId = instance.Id, At = now, Actor = Actor.System.Name, FromStep = step.Id, ToStep = step.Id,
                Action = action == ExpiryAction.Escalate ? "escalate" : "remind", ActionLabel = label,
            });
        }
        instance.Revision++;
    }
}

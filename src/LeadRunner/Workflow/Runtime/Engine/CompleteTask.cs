using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;

namespace LeadRunner.Workflow.Runtime.Engine;

/// <summary>
/// A person completes a task by taking one of the actions of its step. The task, case and enterprise are read and
/// checked before the write lock is taken, so completions of different cases are checked in parallel; the revision
/// tokens make the loser of a race on the same task a conflict with nothing written.
/// </summary>
public sealed class CompleteTask(LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, CaseTransitions core, WriteTransactions writes)
{
    public Task<TransitionOutcome> CompleteAsync(long taskId, string action, string? comment, JsonObject? data, Actor actor) =>
        writes.RunAsync(() => CompleteWithinAsync(taskId, action, comment, data, actor),
            TransitionOutcome.Succeeded, m => new TransitionOutcome.Conflict(m), lockFirst: false);

    /// <summary>Completes the task inside the current unit of work (also a batch's).</summary>
    internal async Task<TransitionOutcome> CompleteWithinAsync(long taskId, string action, string? comment, JsonObject? data, Actor actor)
    {
        // The task, its case and the case's enterprise in one statement.
        var row = await TaskWithCase.ReadAsync(db, taskId);
        if (row is null)
        {
            return new TransitionOutcome.NotFound($"任务 {taskId} 不存在或不在您的管辖范围内。");
        }
        var task = row.Task;
        if (task.Status != HumanTaskStatus.Open)
        {
            return new TransitionOutcome.Conflict($"该任务已由{task.CompletedBy ?? "他人"}办理（{task.Outcome}），无需重复办理。请刷新后查看。");
        }
        if (!RegionRouting.Matches(actor.Scope, task.Role, task.EnterpriseId, task.CountyCode, task.UnitCode))
        {
            return new TransitionOutcome.Forbidden("您不是该任务的办理人。");
        }
        if (task.ClaimedBy is { } claimer && claimer != actor.Name)
        {
            return new TransitionOutcome.Conflict($"该任务已由 {claimer} 认领，请等待其办理或释放。");
        }
        var instance = row.Instance;
        if (instance.CurrentStep != task.StepId || instance.Status != InstanceStatus.Running)
        {
            return new TransitionOutcome.Conflict("案件已不在该任务所在的步骤，请刷新后查看。");
        }
        var definition = (await definitions.GetAsync(db, instance.DefinitionId, instance.Version))!;
        var transition = definition.From(task.StepId).FirstOrDefault(t => t.Key == action && t.Trigger == TriggerKind.Human);
        if (transition is null)
        {
            return new TransitionOutcome.Invalid("action", $"步骤“{definition.Step(task.StepId)?.Title}”没有“{action}”这个操作。");
        }
        task.Status = HumanTaskStatus.Completed;
        task.CompletedBy = actor.Name;
        task.CompletedAt = clock.GetUtcNow();
        task.Outcome = transition.Label;
        task.Revision++;
        return core.Audited(await core.TransitionAsync(instance, definition, transition, comment, data, actor, checkRole: false, completedTaskId: task.Id, row.Party),
            instance, definition, transition, task.StepId, comment, actor);
    }
}

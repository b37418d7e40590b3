using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime.Engine;

/// <summary>
/// A person takes an action that is not tied to a task (e.g. registering an objection during the 公示), alone or as
/// part of one collective act over several cases.
/// </summary>
public sealed class TakeAction(LeadRunnerDb db, DefinitionCache definitions, CaseTransitions core, CompleteTask tasks, WriteTransactions writes)
{
    public Task<TransitionOutcome> TakeAsync(long instanceId, string action, string? comment, JsonObject? data, Actor actor) =>
        writes.RunAsync(() => TakeWithinAsync(instanceId, action, comment, data, actor),
            TransitionOutcome.Succeeded, m => new TransitionOutcome.Conflict(m), lockFirst: false);

    /// <summary>
    /// Inside a collective act (a 公示 batch, a final list, an objection's decision) run by
    /// <see cref="WriteTransactions.RunAsync"/>: takes the action on the case's open task at its step, or on the case
    /// when none is open; everything commits at once or nothing does.
    /// </summary>
    public async Task<TransitionOutcome> ActInBatchAsync(long instanceId, string action, string? comment, JsonObject? data, Actor actor)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("ActInBatchAsync runs only inside WriteTransactions.RunAsync.");
        }
        var taskId = await db.Tasks
            .Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open && t.StepId == t.Instance!.CurrentStep)
            .Select(t => (long?)t.Id).FirstOrDefaultAsync();
        return taskId is { } id
            ? await tasks.CompleteWithinAsync(id, action, comment, data, actor)
            : await TakeWithinAsync(instanceId, action, comment, data, actor);
    }

    private async Task<TransitionOutcome> TakeWithinAsync(long instanceId, string action, string? comment, JsonObject? data, Actor actor)
    {
        var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == instanceId);
        if (instance is null)
        {
            return new TransitionOutcome.NotFound($"案件 {instanceId} 不存在或不在您的管辖范围内。");
        }
        if (instance.Status != InstanceStatus.Running)
        {
            return new TransitionOutcome.Conflict("案件已办结。");
        }
        var definition = (await definitions.GetAsync(db, instance.DefinitionId, instance.Version))!;
        var transition = definition.From(instance.CurrentStep).FirstOrDefault(t => t.Key == action && t.Trigger == TriggerKind.Human);
        if (transition is null)
        {
            return new TransitionOutcome.Invalid("action", $"当前步骤没有“{action}”这个操作。");
        }
        if (await db.Tasks.AnyAsync(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open && t.StepId == instance.CurrentStep)
            && transition.Role is null)
        {
            return new TransitionOutcome.Invalid("action", "该操作须在待办任务中办理。");
        }
        var fromStep = instance.CurrentStep;
        return core.Audited(await core.TransitionAsync(instance, definition, transition, comment, data, actor, checkRole: true),
            instance, definition, transition, fromStep, comment, actor);
    }
}

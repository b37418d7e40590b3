using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime.Effects;
using LeadRunner.Workflow.Runtime.Steps;
using Microsoft.EntityFrameworkCore;
using Stateless;

namespace LeadRunner.Workflow.Runtime.Engine;

/// <summary>
/// The transition core the use cases share: checks a transition (permission, comment, deadline, form, guard), then
/// leaves the step, runs the effects, enters the target and on through automatic steps, with the journal entry.
/// Everything happens in the caller's transaction (<see cref="WriteTransactions"/>).
/// </summary>
public sealed class CaseTransitions(
    LeadRunnerDb db, ScriptSandbox scripts, ProgrammeSettings programmes, DeadlinePolicy deadlines, IEnumerable<IStepKind> stepKinds,
    IEnumerable<IEffect> effects, TimeProvider clock, CaseForms forms, TextLimits limits, WriteTransactions writes, Audit.AuditLog audit)
{
    private readonly Dictionary<StepKind, IStepKind> _steps = stepKinds.ToDictionary(s => s.Kind);
    private readonly Dictionary<EffectKind, IEffect> _effects = effects.ToDictionary(e => e.Kind);

    internal async Task<TransitionOutcome> TransitionAsync(WorkflowInstance instance, WorkflowDefinition definition, TransitionDefinition transition,
        string? comment, JsonObject? data, Actor actor, bool checkRole, long? completedTaskId = null, CaseParty? party = null)
    {
        party ??= instance.EnterpriseId is { } id ? await LoadPartyAsync(db, id) : null;
        if (checkRole)
        {
            var from = definition.Step(transition.From);
            var role = transition.Role ?? from?.Assignee?.Role ?? "";
            var scope = transition.Scope ?? from?.Assignee?.Scope ?? ScopeRule.Province;
            var (enterpriseId, countyCode, unitCode) = RegionRouting.Resolve(scope, party);
            if (!RegionRouting.Matches(actor.Scope, role, enterpriseId, countyCode, unitCode))
            {
                return new TransitionOutcome.Forbidden($"您无权执行“{transition.Label}”。");
            }
        }
        if (transition.Requires.Contains("comment") && string.IsNullOrWhiteSpace(comment))
        {
            return new TransitionOutcome.Invalid("comment", $"执行“{transition.Label}”须填写意见。");
        }
        if (limits.Comment("comment", comment) is { } tooLong)
        {
            return new TransitionOutcome.Invalid("comment", tooLong);
        }

        var variables = JsonNode.Parse(instance.VariablesJson)?.AsObject() ?? [];
        if (transition.EnforceDeadline is { } stage && !actor.IsSystem && Year(variables) is { } year
            && await deadlines.RefusalAsync(year, stage, party?.Id, party?.UnitCode) is { } refusal)
        {
            return new TransitionOutcome.Invalid("deadline", refusal);
        }
        Forms.FormValidation.Result? form = null;
        if (transition.Form is { } formKey && !actor.IsSystem)
        {
            var (checkedForm, formRefusal) = await forms.CheckAsync(formKey, data, actor, instance.RoundYear, CancellationToken.None);
            if (formRefusal is not null)
            {
                return formRefusal;
            }
            form = checkedForm;
            data = form!.Data; // effects and guards see only what the form keeps: hidden and unknown fields are gone
        }
        var context = NewContext(instance, definition, variables, party, actor, clock.GetUtcNow());
        context.Input = data?.DeepClone().AsObject() ?? [];
        context.Input["comment"] = comment;

        try
        {
            if (transition.Guard is { } guard && scripts.EvaluateExpression(guard, context.Globals()) is not true)
            {
                return new TransitionOutcome.Invalid("guard", transition.GuardMessage ?? $"不满足执行“{transition.Label}”的条件。");
            }
            // Checks are done; from here on the case changes, so the write lock is taken (if the caller has not already).
            await writes.BeginAsync();
            if (form is not null)
            {
                await forms.RecordAsync(context, form, actor.UserId);
            }
            await MoveAsync(context, transition, comment, completedTaskId);
        }
        catch (Exception ex) when (ex is ScriptFailureException or OverflowException or InvalidCastException or FormatException or ArgumentException)
        {
            return new TransitionOutcome.Invalid("definition", $"流程执行出错，未作任何更改：{ex.Message}");
        }
        Finish(context);
        return new TransitionOutcome.Done(instance) { OpenedTasks = context.OpenedTasks };
    }

    /// <summary>
    /// Records a person's decision on a case (who, which action, from which step, their comment) in the audit log: one
    /// more row written in the transition's own transaction, so it commits or rolls back with the decision.
    /// </summary>
    internal TransitionOutcome Audited(TransitionOutcome outcome, WorkflowInstance instance, WorkflowDefinition definition,
        TransitionDefinition transition, string fromStep, string? comment, Actor actor)
    {
        if (outcome is TransitionOutcome.Done)
        {
            audit.Record($"办理：{transition.Label}", $"案件 {instance.Id}：{instance.Title}",
                before: definition.Step(fromStep)?.Title ?? fromStep, after: definition.Step(instance.CurrentStep)?.Title ?? instance.CurrentStep,
                reason: comment, kind: Audit.AuditKinds.Case, userName: actor.Name);
        }
        return outcome;
    }

    /// <summary>Leaves the current step by a transition, runs its effects and enters the target (and on, through automatic steps).</summary>
    internal async Task MoveAsync(CaseContext context, TransitionDefinition transition, string? comment, long? completedTaskId = null)
    {
        var instance = context.Instance;
        var machine = new StateMachine<string, string>(() => instance.CurrentStep, s => instance.CurrentStep = s);
        foreach (var t in context.Definition.From(instance.CurrentStep).Where(t => t.Key == transition.Key))
        {
            if (t.To == t.From)
            {
                machine.Configure(t.From).PermitReentry(t.Key);
            }
            else
            {
                machine.Configure(t.From).Permit(t.Key, t.To);
            }
        }
        if (!machine.CanFire(transition.Key))
        {
            throw new ScriptFailureException($"当前步骤不能执行“{transition.Label}”。");
        }

        var fromStep = instance.CurrentStep;
        await LeaveStepAsync(context, completedTaskId);
        foreach (var effect in transition.Effects)
        {
            await _effects[effect.Kind].RunAsync(effect, context);
        }
        await machine.FireAsync(transition.Key);
        instance.StepEnteredAt = context.Now;
        instance.Revision++;
        context.Db.Journal.Add(new JournalEntry
        {
            InstanceId = instance.Id, At = context.Now, Actor = context.Actor.Name, FromStep = fromStep, ToStep = transition.To,
            Action = transition.Key, ActionLabel = transition.Label, Comment = comment,
            ChangedVariablesJson = context.Changes.Count == 0 ? null : JsonSerializer.Serialize(
                context.Changes.ToDictionary(c => c.Key, c => new JsonObject { ["from"] = c.Value.Before?.DeepClone(), ["to"] = c.Value.After?.DeepClone() })),
        });
        context.Changes.Clear();
        if (await EnterStepAsync(context.Definition.Step(transition.To)!, context) is { } next)
        {
            await MoveAsync(context, next, null);
        }
    }

    /// <summary>Runs a step's entry effects and its kind's entry; returns the transition an automatic step takes at once.</summary>
    internal async Task<TransitionDefinition?> EnterStepAsync(StepDefinition step, CaseContext context)
    {
        foreach (var effect in step.Effects)
        {
            await _effects[effect.Kind].RunAsync(effect, context);
        }
        return await _steps[step.Kind].EnterAsync(step, context);
    }

    /// <summary>
    /// Cancels what belongs to the step being left: its other open tasks and its pending timers. Set-based
    /// updates, so the common case (nothing else open) costs one statement and no materialisation.
    /// </summary>
    internal static async Task LeaveStepAsync(CaseContext context, long? completedTaskId = null)
    {
        var id = context.Instance.Id;
        var step = context.Instance.CurrentStep;
        // A human-task step has one task at a time; when that is the one being completed there is nothing else to cancel.
        if (completedTaskId is null || context.Definition.Step(step)?.Kind != StepKind.HumanTask)
        {
            await context.Db.Tasks.IgnoreQueryFilters()
            .Where(t => t.InstanceId == id && t.StepId == step && t.Status == HumanTaskStatus.Open && t.Id != completedTaskId)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, HumanTaskStatus.Cancelled).SetProperty(t => t.Revision, t => t.Revision + 1));
        }
        if (context.Definition.Step(step) is not { Deadline: null })
        {
            await context.Db.Timers
                .Where(t => t.InstanceId == id && t.StepId == step && t.Status == TimerStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TimerStatus.Cancelled).SetProperty(t => t.Revision, t => t.Revision + 1));
        }
    }

    /// <summary>Writes the case's variables back after a transition.</summary>
    internal static void Finish(CaseContext context) =>
        context.Instance.VariablesJson = context.Variables.ToJsonString();

    internal CaseContext NewContext(WorkflowInstance instance, WorkflowDefinition definition, JsonObject variables, CaseParty? party, Actor actor, DateTimeOffset now) =>
        NewContext(db, instance, definition, variables, party, actor, now);

    /// <summary>A case's context on a given context (the startWorkflow effect starts a case inside its caller's transaction).</summary>
    internal CaseContext NewContext(LeadRunnerDb database, WorkflowInstance instance, WorkflowDefinition definition, JsonObject variables, CaseParty? party,
        Actor actor, DateTimeOffset now) => new()
    {
        Db = database, Instance = instance, Definition = definition, Variables = variables, Party = party, Actor = actor, Now = now,
        Settings = Year(variables) is { } year ? programmes.ForYear(year) : null,
    };

    // A year outside int's range is no year (it is refused when the variables are checked), not an overflow.
    internal static int? Year(JsonObject variables) => CaseYear.Of(variables);

    /// <summary>The enterprise a case is about, with the region codes its tasks are routed by (read past the scope filters).</summary>
    public static Task<CaseParty?> LoadPartyAsync(LeadRunnerDb database, int enterpriseId) =>
        database.Enterprises.IgnoreQueryFilters().Where(e => e.Id == enterpriseId)
            .Select(e => new CaseParty(e.Id, e.Name, e.Uscc, e.CountyCode, e.County!.Name, e.County.UnitCode, e.County.Unit!.Name, e.Cluster!.Name, e.IndustryCategory))
            .FirstOrDefaultAsync();
}

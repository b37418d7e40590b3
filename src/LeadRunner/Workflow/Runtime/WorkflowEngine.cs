using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Rounds;
using LeadRunner.Scripting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime.Effects;
using LeadRunner.Workflow.Runtime.Steps;
using LeadRunner.Workflow.Versions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Stateless;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// Moves cases. Every transition is one database transaction: permission and guard checks, the step change
/// (Stateless decides whether the action is permitted in the current step), effects, the journal entry, new tasks
/// and timers. Optimistic concurrency on the case and its task: of two simultaneous actions exactly one wins.
/// </summary>
public sealed class WorkflowEngine(
    LeadRunnerDb db, DefinitionCache definitions, ScriptSandbox scripts, ProgrammeSettings programmes, DeadlinePolicy deadlines,
    IEnumerable<IStepKind> stepKinds, IEnumerable<IEffect> effects, TimeProvider clock, CaseForms forms, RoundDirectory rounds,
    TextLimits limits, Audit.AuditLog audit)
{
    private static readonly SemaphoreSlim WriteGate = new(1, 1);
    private bool _holdsWriteGate;

    private readonly Dictionary<StepKind, IStepKind> _steps = stepKinds.ToDictionary(s => s.Kind);
    private readonly Dictionary<EffectKind, IEffect> _effects = effects.ToDictionary(e => e.Kind);

    public async Task<TransitionOutcome> StartAsync(string definitionId, int? enterpriseId, JsonObject? variables, Actor actor)
    {
        return await InTransactionAsync(writeLockFirst: true, async () =>
        {
            var version = await VersionForAsync(db, definitionId, variables);
            var definition = version is null ? null : await definitions.GetAsync(db, definitionId, version.Value);
            if (definition is null)
            {
                return new TransitionOutcome.NotFound($"流程“{definitionId}”不存在或没有已发布的版本。");
            }
            var starters = definition.Starters.Count > 0 ? definition.Starters : [definition.Step(definition.Start)?.Assignee?.Role ?? Roles.SysAdmin];
            if (!actor.IsSystem && actor.Scope.Role != Roles.SysAdmin && !starters.Contains(actor.Scope.Role ?? ""))
            {
                return new TransitionOutcome.Forbidden($"您的角色不能发起“{definition.Title}”。");
            }
            if (enterpriseId is { } id && !actor.IsSystem && !await db.Enterprises.AnyAsync(e => e.Id == id))
            {
                return new TransitionOutcome.NotFound($"企业 {id} 不存在或不在您的管辖范围内。");
            }
            return await StartWithinAsync(db, definitionId, enterpriseId, variables, actor);
        });
    }

    /// <summary>Starts an instance inside the caller's transaction (also used by the startWorkflow effect).</summary>
    public async Task<TransitionOutcome> StartWithinAsync(LeadRunnerDb database, string definitionId, int? enterpriseId, JsonObject? variables, Actor actor)
    {
        var version = await VersionForAsync(database, definitionId, variables);
        var definition = version is null ? null : await definitions.GetAsync(database, definitionId, version.Value);
        if (definition is null)
        {
            throw new ScriptFailureException($"流程“{definitionId}”不存在或没有已发布的版本。");
        }
        var round = rounds.Find(Year(variables ?? []));
        if (round is not null && RoundRefusal(round, actor) is { } refusal)
        {
            return new TransitionOutcome.Conflict(refusal);
        }
        if (round is not null && await Enterprises.Pool.PoolStanding.ApplicationRefusalAsync(database, programmes.ForYear(round.Year), definition, enterpriseId) is { } notInPool)
        {
            return new TransitionOutcome.Conflict(notInPool);
        }
        var values = new JsonObject();
        foreach (var variable in definition.Variables)
        {
            var given = variables?[variable.Name];
            if (given is null && variable.Required)
            {
                return new TransitionOutcome.Invalid(variable.Name, $"请提供“{(variable.Title.Length > 0 ? variable.Title : variable.Name)}”（{variable.Name}）。");
            }
            if (VariableTypes.Refusal(variable, given) is { } wrong)
            {
                return new TransitionOutcome.Invalid($"variables.{variable.Name}", wrong);
            }
            values[variable.Name] = (given ?? variable.Default)?.DeepClone();
        }
        var party = enterpriseId is { } id ? await LoadPartyAsync(database, id) : null;
        var now = clock.GetUtcNow();
        var instance = new WorkflowInstance
        {
            DefinitionId = definition.Id,
            Version = version!.Value,
            RoundYear = round?.Year,
            Title = party is null ? definition.Title : $"{party.Name} · {definition.Title}",
            EnterpriseId = enterpriseId,
            CurrentStep = definition.Start,
            StepEnteredAt = now,
            StartedAt = now,
            StartedBy = actor.Name,
        };
        database.WorkflowInstances.Add(instance);
        await database.SaveChangesAsync(); // the id is needed by tasks, timers and journal

        var context = NewContext(database, instance, definition, values, party, actor, now);
        database.Journal.Add(new JournalEntry
        {
            InstanceId = instance.Id, At = now, Actor = actor.Name, FromStep = null, ToStep = definition.Start,
            Action = "start", ActionLabel = "发起",
        });
        await EnterStepAsync(definition.Step(definition.Start)!, context);
        Finish(context);
        await database.SaveChangesAsync();
        return new TransitionOutcome.Done(instance) { OpenedTasks = context.OpenedTasks };
    }

    /// <summary>A person completes a task by taking one of the actions of its step.</summary>
    public Task<TransitionOutcome> CompleteTaskAsync(long taskId, string action, string? comment, JsonObject? data, Actor actor) =>
        InTransactionAsync(writeLockFirst: false, () => CompleteTaskWithinAsync(taskId, action, comment, data, actor));

    private async Task<TransitionOutcome> CompleteTaskWithinAsync(long taskId, string action, string? comment, JsonObject? data, Actor actor)
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
        return Audited(await TransitionAsync(instance, definition, transition, comment, data, actor, checkRole: false, completedTaskId: task.Id, row.Party),
            instance, definition, transition, task.StepId, comment, actor);
    }

    /// <summary>A person takes an action that is not tied to a task, e.g. registering an objection during the 公示.</summary>
    public Task<TransitionOutcome> TakeActionAsync(long instanceId, string action, string? comment, JsonObject? data, Actor actor) =>
        InTransactionAsync(writeLockFirst: false, () => TakeActionWithinAsync(instanceId, action, comment, data, actor));

    private async Task<TransitionOutcome> TakeActionWithinAsync(long instanceId, string action, string? comment, JsonObject? data, Actor actor)
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
        return Audited(await TransitionAsync(instance, definition, transition, comment, data, actor, checkRole: true),
            instance, definition, transition, fromStep, comment, actor);
    }

    /// <summary>
    /// One collective act over several cases (a 公示 batch, a final list, an objection's decision) together with what
    /// goes with it: everything commits at once or nothing does, under the same write gate as a single completion.
    /// </summary>
    public Task<T> InBatchAsync<T>(Func<Task<T>> work, Func<T, bool> succeeded, Func<string, T> conflict) =>
        InTransactionAsync(writeLockFirst: true, work, succeeded, conflict);

    /// <summary>Inside <see cref="InBatchAsync"/>: takes the action on the case's open task at its step, or on the case when none is open.</summary>
    public async Task<TransitionOutcome> ActInBatchAsync(long instanceId, string action, string? comment, JsonObject? data, Actor actor)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("ActInBatchAsync runs only inside InBatchAsync.");
        }
        var taskId = await db.Tasks
            .Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open && t.StepId == t.Instance!.CurrentStep)
            .Select(t => (long?)t.Id).FirstOrDefaultAsync();
        return taskId is { } id
            ? await CompleteTaskWithinAsync(id, action, comment, data, actor)
            : await TakeActionWithinAsync(instanceId, action, comment, data, actor);
    }

    /// <summary>
    /// Records a person's decision on a case (who, which action, from which step, their comment) in the audit log: one
    /// more row written in the transition's own transaction, so it commits or rolls back with the decision.
    /// </summary>
    private TransitionOutcome Audited(TransitionOutcome outcome, WorkflowInstance instance, WorkflowDefinition definition,
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

    /// <summary>The timer service fires a deadline: remind, escalate, or take the named transition as the system.</summary>
    internal async Task FireTimerWithinAsync(WorkflowTimer timer)
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
                var outcome = await TransitionAsync(instance, definition, transition, null, null, Actor.System, checkRole: false);
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
                await ExpireTasksAsync(instance, definition, step, deadline.OnExpiry);
                break;
        }
    }

    /// <summary>
    /// Moves the running instances of a definition onto a newly published version. Instances whose step still exists
    /// keep their tasks; the others enter the mapped step afresh. Runs inside the publisher's transaction.
    /// </summary>
    internal async Task MigrateWithinAsync(string definitionId, int version, WorkflowDefinition definition, IReadOnlyDictionary<string, string> mapping, int? roundYear = null)
    {
        var running = await db.WorkflowInstances.IgnoreQueryFilters().Movable(rounds, roundYear)
            .Where(i => i.DefinitionId == definitionId && i.Status == InstanceStatus.Running && i.Version != version).ToListAsync();
        foreach (var instance in running)
        {
            var target = definition.Step(instance.CurrentStep) is not null ? instance.CurrentStep : mapping[instance.CurrentStep];
            var from = instance.CurrentStep;
            var variables = JsonNode.Parse(instance.VariablesJson)?.AsObject() ?? [];
            var party = instance.EnterpriseId is { } id ? await LoadPartyAsync(db, id) : null;
            var context = NewContext(db, instance, definition, variables, party, Actor.System, clock.GetUtcNow());
            instance.Version = version;
            instance.Revision++;
            db.Journal.Add(new JournalEntry
            {
                InstanceId = instance.Id, At = context.Now, Actor = Actor.System.Name, FromStep = from, ToStep = target,
                Action = "migrate", ActionLabel = $"迁移到版本 {version}",
            });
            if (target != from)
            {
                await LeaveStepAsync(context);
                instance.CurrentStep = target;
                instance.StepEnteredAt = context.Now;
                if (await EnterStepAsync(definition.Step(target)!, context) is { } next)
                {
                    await MoveAsync(context, next, null);
                }
                Finish(context);
            }
        }
    }

    private async Task ExpireTasksAsync(WorkflowInstance instance, WorkflowDefinition definition, StepDefinition step, ExpiryAction action)
    {
        var now = clock.GetUtcNow();
        var party = instance.EnterpriseId is { } id ? await LoadPartyAsync(db, id) : null;
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

    private async Task<TransitionOutcome> TransitionAsync(WorkflowInstance instance, WorkflowDefinition definition, TransitionDefinition transition,
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
        var context = NewContext(db, instance, definition, variables, party, actor, clock.GetUtcNow());
        context.Input = data?.DeepClone().AsObject() ?? [];
        context.Input["comment"] = comment;

        try
        {
            if (transition.Guard is { } guard && scripts.EvaluateExpression(guard, context.Globals()) is not true)
            {
                return new TransitionOutcome.Invalid("guard", transition.GuardMessage ?? $"不满足执行“{transition.Label}”的条件。");
            }
            // Checks are done; from here on the case changes, so the write lock is taken (if the caller has not already).
            if (db.Database.CurrentTransaction is null)
            {
                await BeginWriteAsync();
            }
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

    /// <summary>Leaves the current step by a transition, runs its effects and enters the target (and on, through automatic steps).</summary>
    private async Task MoveAsync(CaseContext context, TransitionDefinition transition, string? comment, long? completedTaskId = null)
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

    private async Task<TransitionDefinition?> EnterStepAsync(StepDefinition step, CaseContext context)
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
    private static async Task LeaveStepAsync(CaseContext context, long? completedTaskId = null)
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

    private static void Finish(CaseContext context) =>
        context.Instance.VariablesJson = context.Variables.ToJsonString();

    private CaseContext NewContext(LeadRunnerDb database, WorkflowInstance instance, WorkflowDefinition definition, JsonObject variables, CaseParty? party, Actor actor, DateTimeOffset now) => new()
    {
        Db = database, Instance = instance, Definition = definition, Variables = variables, Party = party, Actor = actor, Now = now,
        Settings = Year(variables) is { } year ? programmes.ForYear(year) : null,
    };

    /// <summary>
    /// The version a new case runs on: the one its round pins, else the newest published one. A pinned version that
    /// was since retracted starts no new case either: the newest published one does.
    /// </summary>
    private async Task<int?> VersionForAsync(LeadRunnerDb database, string definitionId, JsonObject? variables) =>
        rounds.WorkflowVersion(Year(variables ?? []), definitionId) is { } pinned
            && await database.ArtifactVersions.Of(WorkflowKind.Kind, definitionId).AnyAsync(v => v.Version == pinned && v.State == VersionState.Published)
            ? pinned
            : await DefinitionCache.CurrentVersionAsync(database, definitionId);

    /// <summary>Why a round takes no new case from this actor: closed rounds take none, draft rounds only an administrator's trial.</summary>
    private static string? RoundRefusal(RoundDirectory.Entry round, Actor actor) => round.Status switch
    {
        RoundStatus.Open => null,
        RoundStatus.Draft when actor.IsSystem || actor.Scope.Role == Roles.SysAdmin => null,
        RoundStatus.Draft => $"{round.Title}尚未开放，暂不受理。",
        _ => $"{round.Title}已截止，不再受理新的案件。",
    };

    // A year outside int's range is no year (it is refused when the variables are checked), not an overflow.
    private static int? Year(JsonObject variables) => CaseYear.Of(variables);

    internal static Task<CaseParty?> LoadPartyAsync(LeadRunnerDb database, int enterpriseId) =>
        database.Enterprises.IgnoreQueryFilters().Where(e => e.Id == enterpriseId)
            .Select(e => new CaseParty(e.Id, e.Name, e.Uscc, e.CountyCode, e.County!.Name, e.County.UnitCode, e.County.Unit!.Name, e.Cluster!.Name, e.IndustryCategory))
            .FirstOrDefaultAsync();

    /// <summary>
    /// Runs the work as one IMMEDIATE transaction (SQLite takes the write lock at BEGIN, so concurrent writers queue
    /// instead of failing late). Task completions read and check before taking the lock, so that two cases are checked
    /// in parallel and only their writes queue; what they read is re-checked by the revision tokens when written, so a
    /// lost race still becomes a 409 and nothing is written. Refusals roll back.
    /// </summary>
    private Task<TransitionOutcome> InTransactionAsync(bool writeLockFirst, Func<Task<TransitionOutcome>> work) =>
        InTransactionAsync(writeLockFirst, work, o => o is TransitionOutcome.Done, m => new TransitionOutcome.Conflict(m));

    private async Task<T> InTransactionAsync<T>(bool writeLockFirst, Func<Task<T>> work, Func<T, bool> succeeded, Func<string, T> conflict)
    {
        // One connection for the whole transition (reads, lock, writes) instead of one per statement.
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync();
        }
        try
        {
            if (writeLockFirst)
            {
                await BeginWriteAsync();
            }
            var outcome = await work();
            if (succeeded(outcome))
            {
                if (db.Database.CurrentTransaction is null)
                {
                    await BeginWriteAsync();
                }
                await TrackedChangesWriter.SaveAsync(db);
                await db.Database.CommitTransactionAsync();
            }
            else
            {
                await RollBackAsync();
            }
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            await RollBackAsync();
            return conflict("该案件刚刚已被他人办理，您的操作未生效。请刷新后查看。");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            await RollBackAsync();
            return conflict("系统繁忙，您的操作未生效，请稍后重试。");
        }
        finally
        {
            await EndAsync(opened);
        }
    }

    /// <summary>
    /// Takes this process's write gate, then SQLite's write lock. Waiting writers queue on the gate instead of in
    /// SQLite's busy handler, which sleeps 1, 2, 5… ms between tries: longer than a whole completion takes.
    /// </summary>
    private async Task BeginWriteAsync()
    {
        await WriteGate.WaitAsync();
        _holdsWriteGate = true;
        await db.Database.BeginTransactionAsync();
    }

    private async Task RollBackAsync()
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.Database.RollbackTransactionAsync();
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Disposes whatever transaction the work left open (e.g. after an exception), lets the next writer in and closes
    /// the connection it opened, so the pooled context is clean.
    /// </summary>
    private async ValueTask EndAsync(bool closeConnection)
    {
        if (db.Database.CurrentTransaction is { } open)
        {
            await open.DisposeAsync();
        }
        if (_holdsWriteGate)
        {
            _holdsWriteGate = false;
            WriteGate.Release();
        }
        if (closeConnection)
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

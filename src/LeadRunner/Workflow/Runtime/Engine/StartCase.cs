using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Programmes;
using LeadRunner.Rounds;
using LeadRunner.Scripting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime.Engine;

/// <summary>Starts a case: on the version its round pins (or the newest), with its variables checked, entering the start step.</summary>
public sealed class StartCase(
    LeadRunnerDb db, DefinitionCache definitions, ProgrammeSettings programmes, RoundDirectory rounds, TimeProvider clock,
    CaseTransitions core, WriteTransactions writes)
{
    public Task<TransitionOutcome> StartAsync(string definitionId, int? enterpriseId, JsonObject? variables, Actor actor) =>
        writes.RunAsync(async () =>
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
        }, TransitionOutcome.Succeeded, m => new TransitionOutcome.Conflict(m));

    /// <summary>Starts an instance inside the caller's transaction (also used by the startWorkflow effect).</summary>
    public async Task<TransitionOutcome> StartWithinAsync(LeadRunnerDb database, string definitionId, int? enterpriseId, JsonObject? variables, Actor actor)
    {
        var version = await VersionForAsync(database, definitionId, variables);
        var definition = version is null ? null : await definitions.GetAsync(database, definitionId, version.Value);
        if (definition is null)
        {
            throw new ScriptFailureException($"流程“{definitionId}”不存在或没有已发布的版本。");
        }
        var round = rounds.Find(CaseTransitions.Year(variables ?? []));
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
        var party = enterpriseId is { } id ? await CaseTransitions.LoadPartyAsync(database, id) : null;
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

        var context = core.NewContext(database, instance, definition, values, party, actor, now);
        database.Journal.Add(new JournalEntry
        {
            InstanceId = instance.Id, At = now, Actor = actor.Name, FromStep = null, ToStep = definition.Start,
            Action = "start", ActionLabel = "发起",
        });
        await core.EnterStepAsync(definition.Step(definition.Start)!, context);
        CaseTransitions.Finish(context);
        await database.SaveChangesAsync();
        return new TransitionOutcome.Done(instance) { OpenedTasks = context.OpenedTasks };
    }

    /// <summary>
    /// The version a new case runs on: the one its round pins, else the newest published one. A pinned version that
    /// was since retracted starts no new case either: the newest published one does.
    /// </summary>
    private async Task<int?> VersionForAsync(LeadRunnerDb database, string definitionId, JsonObject? variables) =>
        rounds.WorkflowVersion(CaseTransitions.Year(variables ?? []), definitionId) is { } pinned
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
}

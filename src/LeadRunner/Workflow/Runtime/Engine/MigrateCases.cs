using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Rounds;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime.Engine;

/// <summary>
/// Moves the running instances of a definition onto a newly published version. Instances whose step still exists
/// keep their tasks; the others enter the mapped step afresh. Runs inside the publisher's transaction.
/// </summary>
public sealed class MigrateCases(LeadRunnerDb db, RoundDirectory rounds, TimeProvider clock, CaseTransitions core)
{
    internal async Task MigrateWithinAsync(string definitionId, int version, WorkflowDefinition definition, IReadOnlyDictionary<string, string> mapping, int? roundYear = null)
    {
        var running = await db.WorkflowInstances.IgnoreQueryFilters().Movable(rounds, roundYear)
            .Where(i => i.DefinitionId == definitionId && i.Status == InstanceStatus.Running && i.Version != version).ToListAsync();
        foreach (var instance in running)
        {
            var target = definition.Step(instance.CurrentStep) is not null ? instance.CurrentStep : mapping[instance.CurrentStep];
            var from = instance.CurrentStep;
            var variables = JsonNode.Parse(instance.VariablesJson)?.AsObject() ?? [];
            var party = instance.EnterpriseId is { } id ? await CaseTransitions.LoadPartyAsync(db, id) : null;
            var context = core.NewContext(instance, definition, variables, party, Actor.System, clock.GetUtcNow());
            instance.Version = version;
            instance.Revision++;
            db.Journal.Add(new JournalEntry
            {
                InstanceId = instance.Id, At = context.Now, Actor = Actor.System.Name, FromStep = from, ToStep = target,
                Action = "migrate", ActionLabel = $"迁移到版本 {version}",
            });
            if (target != from)
            {
                await CaseTransitions.LeaveStepAsync(context);
                instance.CurrentStep = target;
                instance.StepEnteredAt = context.Now;
                if (await core.EnterStepAsync(definition.Step(target)!, context) is { } next)
                {
                    await core.MoveAsync(context, next, null);
                }
                CaseTransitions.Finish(context);
            }
        }
    }
}

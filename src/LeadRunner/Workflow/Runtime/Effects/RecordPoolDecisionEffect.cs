using System.Text.Json.Nodes;
using LeadRunner.Enterprises.Pool;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>
/// Records the city's decision on the case's enterprise (入库 or 不予入库) as a pool membership, inside the
/// transition's transaction: the decision and the record commit or roll back together.
/// </summary>
public sealed class RecordPoolDecisionEffect : IEffect
{
    public EffectKind Kind => EffectKind.RecordPoolDecision;

    public Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        if (context.Party is not { } party)
        {
            throw new ScriptFailureException("入库决定须针对一家企业，该案件没有企业。");
        }
        var year = context.Variables["year"] is JsonValue y && y.TryGetValue<int>(out var value) ? value : Hosting.ChinaTime.ToChina(context.Now).Year;
        var comment = context.Input["comment"] is JsonValue c && c.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        context.Db.PoolMemberships.Add(new PoolMembership
        {
            EnterpriseId = party.Id,
            Year = year,
            Decision = effect.Decision == PoolDecisionNames.Admitted ? PoolDecision.Admitted : PoolDecision.NotAdmitted,
            DecidedAt = context.Now,
            UnitCode = party.UnitCode,
            DecidedBy = context.Actor.Name,
            Comment = comment,
            InstanceId = context.Instance.Id,
        });
        return Task.CompletedTask;
    }
}

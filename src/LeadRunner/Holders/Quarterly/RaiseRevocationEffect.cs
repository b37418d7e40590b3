using LeadRunner.Holders.Revocation;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// Opens a revocation case against the case's enterprise as holder (第十六条), on the effect's ground with its message
/// as the facts, inside the transition's transaction: an update still missing when its grace ends (noReport), a change
/// filed late (lateChange). A holder whose title already ended has nothing to revoke; one under review keeps its case.
/// </summary>
public sealed class RaiseRevocationEffect(IServiceProvider services, ScriptSandbox scripts) : IEffect
{
    public EffectKind Kind => EffectKind.RaiseRevocation;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        if (context.Party is not { } party)
        {
            throw new ScriptFailureException("启动撤销程序须针对一家企业，该案件没有企业。");
        }
        // Usually run by a timer (the system); the case's enterprise is in scope, so its title is read past the filter.
        var holder = await context.Db.TitleHolders.IgnoreQueryFilters()
            .Where(h => h.EnterpriseId == party.Id && (h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview))
            .OrderByDescending(h => h.Year).FirstOrDefaultAsync();
        if (holder is null)
        {
            return;
        }
        var facts = scripts.RenderText(effect.Message!, context.Globals()).Trim();
        // Resolved here, not injected: RevocationCases starts cases through the engine, which runs this effect.
        var revocations = services.GetRequiredService<RevocationCases>();
        var outcome = await revocations.RaiseAsync(context.Db, holder, effect.Ground!, facts.Length <= 2000 ? facts : facts[..2000], context.Actor);
        if (outcome is not TransitionOutcome.Done)
        {
            throw new ScriptFailureException($"启动撤销程序失败：{outcome.Reason}");
        }
    }
}

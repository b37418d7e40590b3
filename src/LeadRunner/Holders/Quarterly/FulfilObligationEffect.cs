using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// Marks the obligation this case fulfils (whichever kind: a quarter's update, a change filing, a re-review) as done
/// now, in the transition's transaction. A case that fulfils none refuses the transition: the definition is wrong.
/// </summary>
public sealed class FulfilObligationEffect : IEffect
{
    public EffectKind Kind => EffectKind.FulfilObligation;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var id = context.Instance.Id;
        // The actor may be the system (a timer); the case itself is in scope, so its obligation is read past the filter.
        var obligation = context.Db.Obligations.Local.FirstOrDefault(o => o.InstanceId == id)
            ?? await context.Db.Obligations.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.InstanceId == id)
            ?? throw new ScriptFailureException("该案件没有对应的待履行义务（季度更新、变更备案或复核），无法记录为已履行。");
        if (obligation.DoneAt is null)
        {
            obligation.DoneAt = context.Now;
            obligation.Revision++;
        }
    }
}

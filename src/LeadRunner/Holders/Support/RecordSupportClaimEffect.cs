using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Support;

/// <summary>
/// The one place support claims are made: the enterprise's submission of the support-claim form (the transition's
/// data) becomes the case's claim rows, one per reward, with the amount the round's calculator gives. A returned claim
/// submitted again is corrected in place (amounts recomputed; a reward no longer claimed is dropped). The rules are
/// checked again here, inside the case's transaction, whatever was checked before.
/// </summary>
public sealed class RecordSupportClaimEffect(SupportClaimRules rules) : IEffect
{
    public EffectKind Kind => EffectKind.RecordSupportClaim;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        if (context.Party is not { } party)
        {
            throw new ScriptFailureException("支持资金申请须针对一家企业，该案件没有企业。");
        }
        if (CaseYear.Of(context.Variables) is not { } year)
        {
            throw new ScriptFailureException("支持资金申请须知道申请年度（变量 year）。");
        }
        var (figures, errors) = ClaimFigures.Read(context.Input, context.Now.TodayIn());
        if (figures is null)
        {
            throw new ScriptFailureException(string.Join("；", errors.SelectMany(e => e.Value)));
        }
        var instanceId = context.Instance.Id;
        var assessment = await rules.AssessAsync(context.Db, party.Id, year, figures, instanceId, CancellationToken.None);
        if (assessment is not SupportClaimRules.Assessment.Allowed allowed)
        {
            throw new ScriptFailureException(assessment switch
            {
                SupportClaimRules.Assessment.NotHolder n => n.Message,
                SupportClaimRules.Assessment.Taken t => t.Message,
                SupportClaimRules.Assessment.Invalid i => string.Join("；", i.Errors.SelectMany(e => e.Value)),
                _ => "支持资金申请未能登记。",
            });
        }

        var mine = await context.Db.SupportClaims.IgnoreQueryFilters()
            .Where(c => c.InstanceId == instanceId && c.Status == ClaimStatus.Pending).ToListAsync();
        var stated = figures.Values.ToJsonString();
        foreach (var reward in allowed.Rewards)
        {
            var explanation = allowed.Note is null ? reward.Explanation : $"{reward.Explanation}；{allowed.Note}";
            if (mine.FirstOrDefault(c => c.OnceKey == reward.OnceKey) is { } claim)
            {
                claim.Amount = reward.Amount;
                claim.Explanation = explanation;
                claim.Figures = stated;
                claim.Revision++;
                continue;
            }
            context.Db.SupportClaims.Add(new SupportClaim
            {
                HolderId = allowed.Holder.Id, EnterpriseId = party.Id, Kind = reward.Kind, Year = year, OnceKey = reward.OnceKey,
                Amount = reward.Amount, Explanation = explanation, Figures = stated, ClaimedAt = context.Now, InstanceId = instanceId,
            });
        }
        // A corrected claim that no longer asks for a reward (another kind, another milestone) no longer holds it.
        context.Db.SupportClaims.RemoveRange(mine.Where(c => allowed.Rewards.All(r => r.OnceKey != c.OnceKey)));

        context.SetVariable("claim", new JsonObject
        {
            ["kind"] = SupportKinds.Name(figures.Kind),
            ["kindTitle"] = SupportKinds.Title(figures.Kind),
            ["amount"] = allowed.Total,
            ["explanation"] = allowed.Explanation,
        });
    }
}

using System.Globalization;
using LeadRunner.Programmes.Support;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Support;

/// <summary>
/// Records the decision on the case's claims (核准 or 不予支持) in the transition's transaction; an approval is a line
/// in the holder's history. A holder whose title was revoked while the claim was reviewed cannot be granted support.
/// </summary>
public sealed class DecideSupportClaimEffect : IEffect
{
    public EffectKind Kind => EffectKind.DecideSupportClaim;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var approved = effect.Decision == HolderDecisionNames.Approved;
        var instanceId = context.Instance.Id;
        var claims = await context.Db.SupportClaims.IgnoreQueryFilters().Include(c => c.Holder)
            .Where(c => c.InstanceId == instanceId && c.Status == ClaimStatus.Pending).ToListAsync();
        if (claims.Count == 0)
        {
            // A case withdrawn before its first submission has nothing to reject; nothing to approve is an error.
            if (approved)
            {
                throw new ScriptFailureException("该案件没有待审核的支持资金申请，无法核准。");
            }
            return;
        }
        if (approved && claims.FirstOrDefault(c => c.Holder is not { IsCurrent: true }) is { } lapsed)
        {
            throw new ScriptFailureException($"该企业的“领跑者”企业称号已{(lapsed.Holder!.Status == HolderStatus.Revoked ? "撤销" : "到期终止")}，不再享受支持政策，不能核准，请作“不予支持”处理。");
        }
        foreach (var claim in claims)
        {
            claim.Status = approved ? ClaimStatus.Approved : ClaimStatus.Rejected;
            claim.DecidedAt = context.Now;
            claim.Revision++;
            if (approved)
            {
                context.Db.HolderEvents.Add(new HolderEvent
                {
                    HolderId = claim.HolderId, EnterpriseId = claim.EnterpriseId, At = context.Now, Kind = HolderEventKind.SupportGranted,
                    Text = $"{claim.Year.ToString(CultureInfo.InvariantCulture)} 年度支持资金申请（申请编号 {claim.Id.ToString(CultureInfo.InvariantCulture)}）核准：{SupportKinds.Title(claim.Kind)} {SupportCalculator.Wan(claim.Amount)}。",
                    By = context.Actor.Name, InstanceId = instanceId,
                });
            }
        }
    }
}

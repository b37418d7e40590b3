using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Titles;

/// <summary>
/// The outcome of a re-review or revocation case on the holder it concerns (variable <c>holderId</c>), in the
/// transition's transaction: renewed for another term, expired, or revoked (第十六条). Ends are public: they are the
/// site's change log.
/// </summary>
public sealed class RecordTitleDecisionEffect : IEffect
{
    public EffectKind Kind => EffectKind.RecordTitleDecision;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var holder = await HolderOfAsync(context);
        if (!holder.IsCurrent)
        {
            throw new ScriptFailureException($"该称号已{(holder.Status == HolderStatus.Revoked ? "撤销" : "到期")}，不能再作决定。");
        }
        var today = DateOnly.FromDateTime(context.Now.ToChina().DateTime);
        var (kind, text, isPublic) = effect.Decision switch
        {
            HolderDecisionNames.Renewed => Renew(holder, today, context),
            HolderDecisionNames.Expired => End(holder, HolderStatus.Expired, today, HolderEventKind.Expired,
                $"{holder.Year}年度“领跑者”称号经三年复核未通过，自{today:yyyy年M月d日}起终止。"),
            HolderDecisionNames.Revoked => End(holder, HolderStatus.Revoked, today, HolderEventKind.Revoked,
                $"依据工作指南第十六条撤销{holder.Year}年度“领跑者”称号，事由：{GroundTitle(context)}。"),
            _ => throw new ScriptFailureException($"未知的称号决定“{effect.Decision}”。"),
        };
        holder.Revision++;
        context.Db.HolderEvents.Add(new HolderEvent
        {
            HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, At = context.Now, Kind = kind, Text = text, Public = isPublic,
            By = context.Actor.Name, InstanceId = context.Instance.Id,
        });
    }

    /// <summary>The holder a case is about: its <c>holderId</c> variable, which must belong to the case's enterprise.</summary>
    public static async Task<TitleHolder> HolderOfAsync(CaseContext context)
    {
        var id = context.Variables["holderId"] is JsonValue v && v.TryGetValue<long>(out var value) ? value : 0;
        return await context.Db.TitleHolders.IgnoreQueryFilters().FirstOrDefaultAsync(h => h.Id == id && h.EnterpriseId == context.Instance.EnterpriseId)
            ?? throw new ScriptFailureException("案件未指明所涉企业的“领跑者”称号（变量 holderId）。");
    }

    private static (HolderEventKind, string, bool) Renew(TitleHolder holder, DateOnly today, CaseContext context)
    {
        holder.Status = HolderStatus.Valid;
        holder.ReReviewDueOn = today.AddYears(GrantTitleEffect.ReReviewYears(context.Settings));
        return (HolderEventKind.Renewed, $"经三年复核，{holder.Year}年度“领跑者”称号继续有效，下次复核日期 {holder.ReReviewDueOn:yyyy年M月d日}。", true);
    }

    private static (HolderEventKind, string, bool) End(TitleHolder holder, HolderStatus status, DateOnly today, HolderEventKind kind, string text)
    {
        holder.Status = status;
        holder.EndedOn = today;
        return (kind, text, true);
    }

    private static string GroundTitle(CaseContext context) =>
        context.Variables["ground"] is JsonValue g && g.TryGetValue<string>(out var ground) && RevocationGrounds.Titles.TryGetValue(ground, out var title)
            ? title : "工作指南第十六条所列情形";
}

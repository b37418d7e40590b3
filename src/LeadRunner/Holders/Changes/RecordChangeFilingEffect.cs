using System.Globalization;
using LeadRunner.Hosting;
using LeadRunner.Holders.Revocation;
using LeadRunner.Holders.Titles;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Changes;

/// <summary>
/// The province accepts a holder's change filing, in the transition's transaction: the change goes into the holder's
/// history, a renamed enterprise takes its new name, and the filing obligation for the change's date is done. A change
/// filed more than a month after it took effect also raises a revocation case on ground lateChange (第十六条三).
/// </summary>
public sealed class RecordChangeFilingEffect(IServiceProvider services) : IEffect
{
    public EffectKind Kind => EffectKind.RecordChangeFiling;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var holder = await RecordTitleDecisionEffect.HolderOfAsync(context);
        if (!holder.IsCurrent)
        {
            throw new ScriptFailureException($"该企业的{holder.Year}年度称号已{(holder.Status == HolderStatus.Revoked ? "撤销" : "到期")}，不再办理变更备案。");
        }
        var filing = ChangeFiling.Read(context.Variables[CaseForms.VariableFor(ChangeFiling.FormKey)])
            ?? throw new ScriptFailureException("案件中没有完整的变更备案表（变更类型、变更日期）。");
        var db = context.Db;
        var enterprise = await db.Enterprises.IgnoreQueryFilters().FirstAsync(e => e.Id == holder.EnterpriseId);
        var formerName = enterprise.Name;
        // The filing counts from the holder's first submission: time taken by the county and province is not the holder's delay.
        var firstSubmit = await db.Journal.Where(j => j.InstanceId == context.Instance.Id && j.Action == "submit")
            .OrderBy(j => j.Id).Select(j => (DateTimeOffset?)j.At).FirstOrDefaultAsync();
        var filedOn = (firstSubmit ?? context.Now).TodayIn();
        var late = filedOn > filing.DueOn;

        if (filing.NewName is { } newName && newName != enterprise.Name)
        {
            enterprise.Name = newName;
        }
        await FulfilAsync(context, holder, filing);
        var text = $"变更备案：{filing.TypeTitle}，变更日期 {filing.EffectiveOn:yyyy年M月d日}，{filedOn:yyyy年M月d日}提交备案"
            + (enterprise.Name != formerName ? $"，企业名称由“{formerName}”变更为“{enterprise.Name}”" : "")
            + (late ? $"，超过一个月的备案期限（应于 {filing.DueOn:yyyy年M月d日} 前备案）" : "") + "。";
        db.HolderEvents.Add(new HolderEvent
        {
            HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, At = context.Now, Kind = HolderEventKind.ChangeFiled, Text = text,
            By = context.Actor.Name, InstanceId = context.Instance.Id,
        });
        if (late)
        {
            await RaiseLateChangeAsync(context, holder, filing, formerName, filedOn);
        }
    }

    /// <summary>The obligation to file the change of that date is done by this case (made now if nothing planned it).</summary>
    private static async Task FulfilAsync(CaseContext context, TitleHolder holder, ChangeFiling filing)
    {
        var period = filing.EffectiveOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var obligation = await context.Db.Obligations.IgnoreQueryFilters()
            .FirstOrDefaultAsync(o => o.HolderId == holder.Id && o.Kind == ObligationKind.ChangeFiling && o.Period == period);
        if (obligation is null)
        {
            context.Db.Obligations.Add(new Obligation
            {
                HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, Kind = ObligationKind.ChangeFiling, Period = period,
                DueDate = filing.DueOn, DoneAt = context.Now, InstanceId = context.Instance.Id,
            });
            return;
        }
        obligation.DoneAt ??= context.Now;
        obligation.InstanceId = context.Instance.Id;
        obligation.Revision++;
    }

    // Raised when the province accepts rather than when the holder submits: the effective date is then the one the county
    // and province checked against the evidence, and a filing refused as no real change raises nothing.
    private async Task RaiseLateChangeAsync(CaseContext context, TitleHolder holder, ChangeFiling filing, string formerName, DateOnly filedOn)
    {
        var facts = $"{formerName}于{filing.EffectiveOn:yyyy年M月d日}发生{filing.TypeTitle}，应于{filing.DueOn:yyyy年M月d日}前备案，"
            + $"实际于{filedOn:yyyy年M月d日}提交备案（变更备案案件 {context.Instance.Id}），超过工作指南第十六条规定的一个月期限。系统在确认备案时自动立案。";
        // Resolved here: the engine runs the effects, so it cannot be a constructor dependency of one.
        var cases = services.GetRequiredService<RevocationCases>();
        var outcome = await cases.RaiseAsync(context.Db, holder, RevocationGrounds.LateChange, facts, Actor.System);
        if (outcome is not TransitionOutcome.Done)
        {
            throw new ScriptFailureException($"逾期备案应立案审查撤销称号，但未能立案：{outcome.Reason}");
        }
    }
}

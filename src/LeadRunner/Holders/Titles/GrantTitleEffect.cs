using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Titles;

/// <summary>
/// The authorising transition makes the case's enterprise a holder of the year's title, in the same transaction: its
/// certificate code (from the certificate the transition issued), whether it applied as a listed company, and when its
/// three-year re-review falls due (the round's reReviewYears).
/// </summary>
public sealed class GrantTitleEffect : IEffect
{
    public EffectKind Kind => EffectKind.GrantTitle;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        if (context.Party is not { } party)
        {
            throw new ScriptFailureException("授予称号须针对一家企业，该案件没有企业。");
        }
        if (context.Variables["year"] is not JsonValue y || !y.TryGetValue<int>(out var year))
        {
            throw new ScriptFailureException("授予称号须知道认定年度（变量 year）。");
        }
        if (await context.Db.TitleHolders.IgnoreQueryFilters().AnyAsync(h => h.EnterpriseId == party.Id && h.Year == year))
        {
            throw new ScriptFailureException($"{party.Name}已是 {year} 年度“领跑者”企业，不能重复授予。");
        }
        var today = DateOnly.FromDateTime(context.Now.ToChina().DateTime);
        var holder = new TitleHolder
        {
            EnterpriseId = party.Id,
            Year = year,
            InstanceId = context.Instance.Id,
            Listed = AppliedAsListed(context),
            CertificateCode = context.Variables.Select(v => v.Value).OfType<JsonObject>()
                .FirstOrDefault(v => v["template"]?.GetValue<string>() == "certificate")?["code"]?.GetValue<string>(),
            GrantedOn = today,
            ReReviewDueOn = today.AddYears(ReReviewYears(context.Settings)),
        };
        context.Db.TitleHolders.Add(holder);
        await context.Db.SaveChangesAsync(); // the holder's id is needed by its first history line
        context.Db.HolderEvents.Add(new HolderEvent
        {
            HolderId = holder.Id, EnterpriseId = party.Id, At = context.Now, Kind = HolderEventKind.Granted, Public = true,
            Text = $"认定为{year}年度河北省特色产业集群“领跑者”企业" + (holder.CertificateCode is { } code ? $"，证书验证码 {code}" : "") + "。",
            By = context.Actor.Name, InstanceId = context.Instance.Id,
        });
    }

    /// <summary>The re-review interval of the round (第五条: three years), three when the settings do not say.</summary>
    public static int ReReviewYears(JsonObject? settings) =>
        settings?["reReviewYears"] is JsonValue v && v.TryGetValue<int>(out var years) && years > 0 ? years : 3;

    // The application form's "listed" box (kept in the case's form variable): a listed company reports after its
    // disclosures rather than by the calendar.
    private static bool AppliedAsListed(CaseContext context) =>
        context.Variables[CaseForms.VariableFor("application")] is JsonObject form && form["listed"] is JsonValue listed
        && listed.TryGetValue<bool>(out var value) && value;
}

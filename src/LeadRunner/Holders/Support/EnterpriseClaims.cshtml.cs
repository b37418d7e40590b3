using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Forms.Pages;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Support;

/// <summary>
/// 申请支持资金: the holder's claims and their status, and the support-claim form of the open round. The page shows
/// the calculator's amount (the preview endpoint) as the figures are typed, and files the claim through the API
/// (wwwroot/js/support-claim.js), so the browser and scripts take the same way.
/// </summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class EnterpriseClaimsModel(LeadRunnerDb db, HolderYear holderYear, FormDefinitions forms, ProgrammeSettings programmes) : PageModel
{
    public string Name { get; private set; } = "";
    public string Uscc { get; private set; } = "";

    /// <summary>The newest title (a current one first); null when the enterprise never held one.</summary>
    public TitleHolder? Holder { get; private set; }

    /// <summary>Why no claim can be made now (not a holder, no open round, no published form), or null.</summary>
    public string? Closed { get; private set; }
    public int? Year { get; private set; }
    public IReadOnlyList<string> Offers { get; private set; } = [];
    public IReadOnlyList<SupportLedger.Row> Claims { get; private set; } = [];
    public string SchemaJson { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The query filters leave only the account's own enterprise, its titles and its claims.
        var enterprise = await db.Enterprises.Where(e => e.Id == db.Scope.EnterpriseId).Select(e => new { e.Name, e.Uscc }).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        (Name, Uscc) = (enterprise.Name, enterprise.Uscc);
        Holder = await db.TitleHolders.AsNoTracking()
            .OrderByDescending(h => h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview).ThenByDescending(h => h.Year).FirstOrDefaultAsync(ct);
        Claims = await SupportLedger.ListAsync(db, SupportLedger.Filter.All, ct);
        Year = holderYear.Current();
        var form = Year is { } year ? await forms.ForRoundAsync(db, FileSupportClaim.Workflow, year, ct) : null;
        Closed = Holder is not { IsCurrent: true } ? SupportClaimRules.NotCurrentMessage(Holder)
            : Year is null ? HolderYear.NoOpenRound
            : form is null ? "支持资金申请表尚未发布，请联系省工业和信息化厅。"
            : null;
        if (Closed is null)
        {
            SchemaJson = FormFillModel.ScriptBlock(FormHtml.Sanitise(JsonNode.Parse(form!.Json)!.AsObject()));
            Offers = PolicyLines(programmes.ForYear(Year!.Value));
        }
        return Page();
    }

    /// <summary>The round's support settings in a sentence each, so the enterprise knows what it may claim before it types.</summary>
    private static List<string> PolicyLines(JsonObject? settings)
    {
        if (settings?["support"] is not JsonObject support)
        {
            return [];
        }
        string Wan(string key) => support[key] is JsonValue v && v.TryGetValue<decimal>(out var yuan) ? SupportCalculator.Wan(yuan) : "—";
        var rate = support["equipmentSubsidyRate"] is JsonValue r && r.TryGetValue<decimal>(out var p) ? p.ToString("0.##", CultureInfo.InvariantCulture) : "—";
        var milestones = (support["revenueMilestones"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => m["revenue"] is JsonValue rv && rv.TryGetValue<decimal>(out var revenue) && m["reward"] is JsonValue wv && wv.TryGetValue<decimal>(out var reward)
                ? $"首次达到 {SupportCalculator.Yi(revenue)}奖励 {SupportCalculator.Wan(reward)}" : null)
            .OfType<string>();
        return
        [
            $"设备更新补助：按上年度设备投入的 {rate}% 补助，最高 {Wan("equipmentSubsidyCap")}，每个年度可申请一次。",
            $"并购重组激励：完成并购（兼并）重组的，一次性激励 {Wan("mergerReward")}。",
            $"营业收入台阶激励：通过并购重组营业收入{string.Join("，", milestones)}，每个台阶一次。",
            $"首次进入 500 强激励：首次进入中国民营企业 500 强或中国制造业 500 强的，一次性激励 {Wan("top500Reward")}。",
        ];
    }
}

using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Revocation;

/// <summary>
/// /revocations/new?uscc=: the province states the ground, the facts and the evidence against a holder; the page's
/// script uploads the files and posts to /api/holders/{uscc}/revocations, then opens the new case.
/// </summary>
[Authorize(Roles = Roles.Province)]
public sealed class NewRevocationModel(LeadRunnerDb db) : PageModel
{
    public sealed record HolderFacts(string Uscc, string Name, string Region, int Year, DateOnly GrantedOn, string? CertificateCode);

    public HolderFacts? Holder { get; private set; }
    public long? OpenCaseId { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? uscc, CancellationToken ct)
    {
        var code = uscc?.Trim().ToUpperInvariant() ?? "";
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Uscc == code)
            .Select(e => new { e.Id, e.Uscc, e.Name, e.County!.CityName, CountyName = e.County.Name }).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        var holder = await CurrentTitle.OfAsync(db, enterprise.Id, ct);
        if (holder is null)
        {
            Problem = $"{enterprise.Name}：{CurrentTitle.NotAHolder}不能立案撤销称号。";
            return Page();
        }
        Holder = new HolderFacts(enterprise.Uscc, enterprise.Name, enterprise.CountyName == enterprise.CityName ? enterprise.CityName : enterprise.CityName + enterprise.CountyName,
            holder.Year, holder.GrantedOn, holder.CertificateCode);
        OpenCaseId = (await RevocationCases.OpenCaseAsync(db, holder.Id))?.Id;
        return Page();
    }
}

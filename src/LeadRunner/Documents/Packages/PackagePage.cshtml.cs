using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Packages;

/// <summary>
/// /units/{unitCode}/package: the unit's recommended enterprises, a button that starts the package build, its progress
/// (polled by package-progress.js; the page also works by reloading) and the download once done.
/// </summary>
[Authorize]
public sealed class PackagePageModel(LeadRunnerDb db, PackageJobs jobs, TimeProvider clock) : PageModel
{
    public string UnitCode { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public int? Year { get; private set; }
    public IReadOnlyList<RecommendedCases.Entry> Cases { get; private set; } = [];
    public PackagesApi.PackageStatus? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unitCode, int? year, CancellationToken cancellationToken) =>
        await LoadAsync(unitCode, year, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string unitCode, int? year, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(unitCode, year, cancellationToken))
        {
            return NotFound();
        }
        await jobs.StartAsync(new PackageRequest(unitCode, Year, Issuer.Of(User)), clock.GetUtcNow(), cancellationToken);
        return RedirectToPage(new { unitCode, year = Year });
    }

    private async Task<bool> LoadAsync(string unitCode, int? year, CancellationToken cancellationToken)
    {
        var unit = await db.ReportingUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken);
        if (unit is null || !FilledDocumentsApi.MayActForUnit(AccessScope.For(User), unitCode))
        {
            return false;
        }
        (UnitCode, UnitName) = (unit.Code, unit.Name);
        (Year, Cases) = await RecommendedCases.ListAsync(db, unitCode, year, cancellationToken);
        Status = await jobs.LatestAsync(unitCode, cancellationToken) is { } job ? PackagesApi.ToStatus(job) : null;
        return true;
    }
}

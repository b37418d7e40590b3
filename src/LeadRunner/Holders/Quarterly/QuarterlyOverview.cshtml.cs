using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>The current holders in the staff member's scope and where each stands with its quarterly updates; each links to its filings.</summary>
[Authorize(Roles = $"{Roles.County},{Roles.City},{Roles.Province}")]
public sealed class QuarterlyOverviewModel(LeadRunnerDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Name, string Uscc, string CountyName, string UnitName, int Year, bool Listed, string? LastFiled, int Open, int Overdue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.TodayInChina();
        var holders = await db.TitleHolders.AsNoTracking()
            .Where(h => h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview)
            .Join(db.Enterprises, h => h.EnterpriseId, e => e.Id, (h, e) => new
            {
                h.EnterpriseId, e.Name, e.Uscc, CountyName = e.County!.Name, UnitName = e.County.Unit!.Name, h.Year, h.Listed,
            })
            .ToListAsync(ct);
        var ids = holders.Select(h => h.EnterpriseId).ToList();
        var obligations = (await db.Obligations.AsNoTracking()
            .Where(o => o.Kind == ObligationKind.QuarterlyUpdate && ids.Contains(o.EnterpriseId))
            .Select(o => new { o.EnterpriseId, o.Period, o.DueDate, o.DoneAt }).ToListAsync(ct))
            .ToLookup(o => o.EnterpriseId);
        Rows = [.. holders.GroupBy(h => h.EnterpriseId).Select(g => g.MaxBy(h => h.Year)!).Select(h =>
        {
            var owed = obligations[h.EnterpriseId].ToList();
            var last = owed.Where(o => o.DoneAt is not null).MaxBy(o => o.Period, StringComparer.Ordinal)?.Period;
            return new Row(h.Name, h.Uscc, h.CountyName, h.UnitName, h.Year, h.Listed,
                last is not null && QuarterPeriod.TryParse(last, out var q) ? q.Title : null,
                owed.Count(o => o.DoneAt is null && o.DueDate >= today), owed.Count(o => o.DoneAt is null && o.DueDate < today));
        }).OrderByDescending(r => r.Overdue).ThenBy(r => r.UnitName, StringComparer.Ordinal).ThenBy(r => r.CountyName, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }
}

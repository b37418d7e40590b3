using LeadRunner.Data;
using LeadRunner.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Titles;

/// <summary>
/// The public directory of current 领跑者 enterprises (valid or under re-review) of public rounds. Not output-cached:
/// a revocation must leave the list at once, and the query is one indexed read.
/// </summary>
[AllowAnonymous]
public sealed class PublicHoldersModel(LeadRunnerDb db, RoundDirectory rounds) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }

    public IReadOnlyList<HolderListing.HolderRow> Rows { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = [.. rounds.All.Where(r => r.IsPublic).Select(r => r.Year).OrderDescending()];
        Units = [.. (await db.ReportingUnits.OrderBy(u => u.Code).Select(u => new { u.Code, u.Name }).ToListAsync(ct)).Select(u => (u.Code, u.Name))];
        var year = Year is { } y && Years.Contains(y) ? y : (int?)null;
        Rows = await HolderListing.Rows(HolderListing.Current(db, Years), new HolderListing.Filter(year, Unit, null)).Take(HoldersApi.MaxRows).ToListAsync(ct);
    }
}

using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Publicity.Pages;

/// <summary>The province's queue of the round's objections, by 公示 batch and status.</summary>
[Authorize(Roles = Roles.Province)]
public sealed class ObjectionQueueModel(LeadRunnerDb db, RoundDirectory rounds) : PageModel
{
    public sealed record Row(Objection Objection, string Publicity);

    [BindProperty(SupportsGet = true)] public int? Publicity { get; set; }
    [BindProperty(SupportsGet = true)] public ObjectionStatus? Status { get; set; }

    public int Year { get; private set; }
    public string RoundTitle { get; private set; } = "";
    public List<(int Id, string Title)> Batches { get; private set; } = [];
    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (rounds.Find(year) is not { } round)
        {
            return NotFound();
        }
        Year = year;
        RoundTitle = round.Title;
        var batches = await db.SiteItems.AsNoTracking().Where(i => i.Kind == Cms.SiteItemKind.Publicity && i.RoundYear == year)
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.Title }).ToListAsync(ct);
        Batches = [.. batches.Select(b => (b.Id, b.Title))];
        var ids = batches.Select(b => b.Id).ToList();
        var query = db.Objections.AsNoTracking().Where(o => ids.Contains(o.PublicityId));
        if (Publicity is { } p)
        {
            query = query.Where(o => o.PublicityId == p);
        }
        if (Status is { } s)
        {
            query = query.Where(o => o.Status == s);
        }
        var titles = batches.ToDictionary(b => b.Id, b => b.Title);
        Rows = [.. (await query.OrderBy(o => o.Status == ObjectionStatus.Dismissed || o.Status == ObjectionStatus.Upheld).ThenBy(o => o.Id).Take(500).ToListAsync(ct))
            .Select(o => new Row(o, titles[o.PublicityId]))];
        return Page();
    }

    public static readonly IReadOnlyList<(ObjectionStatus Value, string Label)> Statuses =
        [(ObjectionStatus.Received, "待核查"), (ObjectionStatus.Investigating, "核查中"), (ObjectionStatus.Dismissed, "异议不成立"), (ObjectionStatus.Upheld, "异议成立")];
}

using LeadRunner.Accounts;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Publicity.Pages;

/// <summary>
/// The province's page for the round's collective acts: which cases wait for a 公示, the batches published with their
/// objections, which cases may go on the final list (and why the others may not yet), the lists published. It only
/// reads; the acts go through /api from wwwroot/js/round-acts.js.
/// </summary>
[Authorize(Roles = Roles.Province)]
public sealed class RoundActsPageModel(LeadRunnerDb db, RoundDirectory rounds, FinalList finalList, PublicityBatch batch, TimeProvider clock) : PageModel
{
    public sealed record Batch(SiteItem Item, DateOnly Opens, DateOnly Closes, int Objections, int Pending);
    public sealed record Candidate(ActCase Case, string? Blocked);

    public int Year { get; private set; }
    public string RoundTitle { get; private set; } = "";
    public bool CanPublish { get; private set; }
    public DateOnly Today { get; private set; }
    public DateOnly NextStart { get; private set; }
    public List<ActCase> Awaiting { get; private set; } = [];
    public List<Batch> Batches { get; private set; } = [];
    public List<Candidate> InPublicity { get; private set; } = [];
    public List<SiteItem> Lists { get; private set; } = [];

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (rounds.Find(year) is not { } round)
        {
            return NotFound();
        }
        Year = year;
        RoundTitle = round.Title;
        CanPublish = User.HasClaim(ScopeClaims.Permission, Permissions.Publish);
        Today = clock.TodayInChina();
        NextStart = batch.DefaultStart();
        var cases = await RoundActCases.LoadAsync(db, year, null, ct);
        Awaiting = [.. cases.Where(c => c.Step == RoundActs.AwaitingPublicity)];
        var inPublicity = cases.Where(c => c.Step == RoundActs.InPublicity).ToList();
        var blocked = await finalList.BlockedAsync(inPublicity, Today, ct);
        InPublicity = [.. inPublicity.Select(c => new Candidate(c, blocked.GetValueOrDefault(c.Id)))];

        var items = await db.SiteItems.AsNoTracking().Where(i => i.RoundYear == year && i.PublishedAt != null && i.WithdrawnAt == null
            && (i.Kind == SiteItemKind.Publicity || (i.Kind == SiteItemKind.List && i.DocumentNumber != null))).ToListAsync(ct);
        var counts = await db.Objections.AsNoTracking().GroupBy(o => o.PublicityId)
            .Select(g => new { g.Key, Total = g.Count(), Pending = g.Count(o => o.Status == ObjectionStatus.Received || o.Status == ObjectionStatus.Investigating) })
            .ToDictionaryAsync(g => g.Key, ct);
        Batches = [.. items.Where(i => i.Kind == SiteItemKind.Publicity).OrderByDescending(i => i.Id).Select(i =>
        {
            var (opens, closes) = PublicityWindow.Of(i);
            return new Batch(i, opens, closes, counts.TryGetValue(i.Id, out var c) ? c.Total : 0, counts.TryGetValue(i.Id, out var p) ? p.Pending : 0);
        })];
        Lists = [.. items.Where(i => i.Kind == SiteItemKind.List).OrderByDescending(i => i.Id)];
        return Page();
    }
}

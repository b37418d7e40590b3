using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>The public 公示 whose window has not closed (by the date in China): the home page lists them, the navigation links objections to one.</summary>
public sealed class OpenPublicity(LeadRunnerDb db, TimeProvider clock)
{
    public sealed record Window(string Slug, string Title, DateOnly? OpensOn, DateOnly? ClosesOn, bool Started)
    {
        public string Url => SiteSections.UrlOf(SiteItemKind.Publicity, Slug);
    }

    public async Task<IReadOnlyList<Window>> ListAsync(CancellationToken ct)
    {
        var today = clock.TodayInChina();
        var rows = await db.SiteItems.AsNoTracking()
            .Where(i => i.Kind == SiteItemKind.Publicity && i.PublishedAt != null && i.WithdrawnAt == null && (i.ClosesOn == null || i.ClosesOn >= today))
            .OrderByDescending(i => i.OpensOn).ThenByDescending(i => i.Id)
            .Select(i => new { i.Slug, i.Title, i.OpensOn, i.ClosesOn })
            .Take(20).ToListAsync(ct);
        return [.. rows.Select(r => new Window(r.Slug, r.Title, r.OpensOn, r.ClosesOn, r.OpensOn is null || r.OpensOn <= today))];
    }

    /// <summary>The 公示 taking objections today, newest first; null when none is open.</summary>
    public async Task<Window?> TakingObjectionsAsync(CancellationToken ct) => (await ListAsync(ct)).FirstOrDefault(w => w.Started);
}

using LeadRunner.Cms;
using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Site;

public sealed class IndexModel(LeadRunnerDb db) : PageModel
{
    public IReadOnlyList<(SiteSections.Section Section, IReadOnlyList<SiteItem> Items)> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var latest = await db.SiteItems.Where(i => i.PublishedAt != null && i.WithdrawnAt == null && i.Kind != SiteItemKind.Page)
            .OrderByDescending(i => i.DocumentDate).ThenByDescending(i => i.Id).Take(60).ToListAsync(ct);
        Sections = SiteSections.Listed
            .Select(s => (s, (IReadOnlyList<SiteItem>)latest.Where(i => i.Kind == s.Kind).Take(6).ToList()))
            .ToList();
    }
}

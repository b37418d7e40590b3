using LeadRunner.Cms;
using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Site;

/// <summary>The home page: the latest notices, the 公示 not yet closed and the final lists.</summary>
[OutputCache(PolicyName = PublicSiteCache.Policy)]
public sealed class IndexModel(LeadRunnerDb db, OpenPublicity publicity) : PageModel
{
    private const int PerPanel = 6;

    public IReadOnlyList<SiteItem> Notices { get; private set; } = [];
    public IReadOnlyList<OpenPublicity.Window> Publicity { get; private set; } = [];
    public IReadOnlyList<SiteItem> Lists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notices = await LatestAsync(SiteItemKind.Notice, ct);
        Publicity = [.. (await publicity.ListAsync(ct)).Take(PerPanel)];
        Lists = await LatestAsync(SiteItemKind.List, ct);
    }

    private async Task<IReadOnlyList<SiteItem>> LatestAsync(SiteItemKind kind, CancellationToken ct) =>
        await db.SiteItems.AsNoTracking().Where(i => i.Kind == kind && i.PublishedAt != null && i.WithdrawnAt == null)
            .OrderByDescending(i => i.DocumentDate).ThenByDescending(i => i.Id).Take(PerPanel).ToListAsync(ct);
}

using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>A published item at its public address; a withdrawn one answers 410 with a page saying so, an unknown one 404.</summary>
[OutputCache(PolicyName = PublicSiteCache.Policy)]
public sealed class ItemDetailModel(LeadRunnerDb db) : PageModel
{
    public SiteSections.Section Section { get; private set; } = SiteSections.All[0];
    public SiteItem Item { get; private set; } = null!;
    public bool Gone => Item.WithdrawnAt is not null;

    public async Task<IActionResult> OnGetAsync(string section, string slug, CancellationToken ct)
    {
        var found = SiteSections.Find(section);
        var item = found is null ? null
            : await db.SiteItems.AsNoTracking().FirstOrDefaultAsync(i => i.Slug == slug && i.Kind == found.Kind && i.PublishedAt != null, ct);
        if (item is null)
        {
            return NotFound();
        }
        Section = found!;
        Item = item;
        if (Gone)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }
        return Page();
    }
}

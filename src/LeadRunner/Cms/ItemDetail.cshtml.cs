using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

public sealed class ItemDetailModel(LeadRunnerDb db) : PageModel
{
    public SiteSections.Section Section { get; private set; } = SiteSections.All[0];
    public SiteItem Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string section, string slug, CancellationToken ct)
    {
        var found = SiteSections.Find(section);
        var item = found is null ? null
            : await db.SiteItems.FirstOrDefaultAsync(i => i.Slug == slug && i.Kind == found.Kind && i.PublishedAt != null, ct);
        if (item is null)
        {
            return NotFound();
        }
        Section = found!;
        Item = item;
        return Page();
    }
}

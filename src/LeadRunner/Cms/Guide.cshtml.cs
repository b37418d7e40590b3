using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

public sealed class GuideModel(LeadRunnerDb db) : PageModel
{
    public SiteItem Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var item = await db.SiteItems.FirstOrDefaultAsync(i => i.Kind == SiteItemKind.Page && i.Slug == "guide" && i.PublishedAt != null && i.WithdrawnAt == null, ct);
        if (item is null)
        {
            return NotFound();
        }
        Item = item;
        return Page();
    }
}

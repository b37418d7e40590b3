using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

public sealed class SectionListModel(LeadRunnerDb db) : PageModel
{
    public SiteSections.Section Section { get; private set; } = SiteSections.All[0];
    public IReadOnlyList<SiteItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string section, CancellationToken ct)
    {
        if (SiteSections.Find(section) is not { } found)
        {
            return NotFound();
        }
        Section = found;
        Items = await db.SiteItems.Where(i => i.Kind == found.Kind && i.PublishedAt != null)
            .OrderByDescending(i => i.DocumentDate).ThenByDescending(i => i.Id).ToListAsync(ct);
        return Page();
    }
}

using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace LeadRunner.Cms;

/// <summary>A section's published items, newest document first, 20 to a page.</summary>
[OutputCache(PolicyName = PublicSiteCache.Policy)]
public sealed class SectionListModel(LeadRunnerDb db) : PageModel
{
    public SiteSections.Section Section { get; private set; } = SiteSections.All[0];
    public ContentApi.ItemPage Items { get; private set; } = new(0, 1, ContentApi.PageSize, []);
    public Pager Pager => new(Items.Total, Items.Page, Items.PageSize, $"/{Section.Path}?");

    public async Task<IActionResult> OnGetAsync(string section, int? page, CancellationToken ct)
    {
        if (SiteSections.Find(section) is not { } found)
        {
            return NotFound();
        }
        Section = found;
        Items = await ContentApi.PublishedPageAsync(db, found.Kind, page ?? 1, ct);
        return Page();
    }
}

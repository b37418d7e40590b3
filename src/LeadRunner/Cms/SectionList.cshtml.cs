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

    // "page" is also Razor Pages' own route value (the page's path), so the number is read from the query by name.
    public async Task<IActionResult> OnGetAsync(string section, [FromQuery(Name = "page")] int? number, CancellationToken ct)
    {
        if (SiteSections.Find(section) is not { } found)
        {
            return NotFound();
        }
        Section = found;
        Items = await ContentApi.PublishedPageAsync(db, found.Kind, number ?? 1, ct);
        return Page();
    }
}

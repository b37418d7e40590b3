using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms.Editing.Pages;

/// <summary>
/// An item's versions for its editors: who published each and why, the changes between two of them, and restoring an
/// old one as the draft. Comparing and restoring go through /api/content from wwwroot/js/content-versions.js.
/// </summary>
[Authorize(Policy = Policies.Publisher)]
public sealed class ContentVersionsModel(LeadRunnerDb db) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<VersionsApi.VersionDto> Versions { get; private set; } = [];
    public IEnumerable<int> Numbered => Versions.Select(v => v.Version).OfType<int>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await ContentApi.VersionsAsync(id, db, ct) is not { } versions)
        {
            return NotFound();
        }
        Id = id;
        Title = await db.SiteItems.Where(i => i.Id == id).Select(i => i.Title).FirstAsync(ct);
        Versions = versions;
        return Page();
    }
}

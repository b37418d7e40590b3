using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Cms.Editing.Pages;

/// <summary>
/// The draft as the public will read it: a SiteItem built in memory from the draft (never saved) and rendered by the
/// public page's partial inside the public layout.
/// </summary>
[Authorize(Policy = Policies.Publisher)]
public sealed class ContentPreviewModel(LeadRunnerDb db, SiteContent content, ArtifactStore store, ContentKind kind) : PageModel
{
    public SiteItem Item { get; private set; } = null!;
    public SiteSections.Section Section { get; private set; } = SiteSections.All[0];
    public bool IsDraft { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await ContentApi.EditorItemAsync(id, db, content, store, ct) is not { } editing || (editing.Draft ?? editing.Published) is not { } doc)
        {
            return NotFound();
        }
        IsDraft = editing.Draft is not null;
        Item = new SiteItem { Id = id, Slug = doc.Slug, Title = doc.Title, BodyMarkdown = doc.Body };
        kind.Apply(Item, doc);
        Section = SiteSections.ForKind(Item.Kind);
        return Page();
    }
}

using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms.Pages;

/// <summary>
/// The Form.io designer. The page names the form; wwwroot/js/forms-designer.js loads its draft (or current
/// version) and the palette from /api/forms, so that the designer only offers what the server validates.
/// </summary>
[Authorize(Policy = Policies.SysAdmin)]
[SecurityHeaders.Policy(SecurityHeaders.DesignerPolicy)]
public sealed class FormEditModel(LeadRunnerDb db) : PageModel
{
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<FormsAdminApi.VersionDto> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        var versions = await db.ArtifactVersions.AsNoTracking().Of(FormKind.Kind, key)
            .OrderByDescending(v => v.Version == null).ThenByDescending(v => v.Version).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return NotFound();
        }
        Key = key;
        Title = versions.First().Title;
        Versions = [.. versions.Select(FormsAdminApi.ToDto)];
        return Page();
    }
}

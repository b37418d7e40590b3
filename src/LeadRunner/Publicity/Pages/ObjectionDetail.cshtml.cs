using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Publicity.Pages;

/// <summary>One objection as the province investigates it: the objector, the facts, the evidence, the record and the decision.</summary>
[Authorize(Roles = Roles.Province)]
public sealed class ObjectionDetailModel(LeadRunnerDb db) : PageModel
{
    public Objection Objection { get; private set; } = null!;
    public Cms.SiteItem Publicity { get; private set; } = null!;
    public List<Uploads.StoredFile> Files { get; private set; } = [];
    public string CaseStep { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string receipt, CancellationToken ct)
    {
        if (await db.Objections.AsNoTracking().FirstOrDefaultAsync(o => o.Receipt == receipt, ct) is not { } objection)
        {
            return NotFound();
        }
        Objection = objection;
        Publicity = await db.SiteItems.AsNoTracking().FirstAsync(i => i.Id == objection.PublicityId, ct);
        Files = await db.StoredFiles.AsNoTracking().Where(f => objection.Attachments.Contains(f.Id)).ToListAsync(ct);
        CaseStep = await db.WorkflowInstances.Where(i => i.Id == objection.CaseId).Select(i => i.CurrentStep).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }
}

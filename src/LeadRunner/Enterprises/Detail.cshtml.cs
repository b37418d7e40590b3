using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(LeadRunnerDb db) : PageModel
{
    public EnterprisesApi.EnterpriseDto Enterprise { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        // Out-of-scope enterprises are filtered out by the DbContext and so answer 404, revealing nothing.
        var enterprise = await EnterprisesApi.Project(db.Enterprises.Where(e => e.Id == id)).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        Enterprise = enterprise;
        return Page();
    }
}

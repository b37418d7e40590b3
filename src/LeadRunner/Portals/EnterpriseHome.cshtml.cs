using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Portals;

[Authorize(Policy = Policies.Enterprise)]
public sealed class EnterpriseHomeModel(LeadRunnerDb db, NotificationFeed feed) : PageModel
{
    public EnterprisesApi.EnterpriseDto Enterprise { get; private set; } = null!;
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The query filter leaves only the account's own enterprise.
        var enterprise = await EnterprisesApi.Project(db.Enterprises.Where(e => e.Id == db.Scope.EnterpriseId)).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        Enterprise = enterprise;
        Notifications = await feed.LatestAsync(10, ct);
        return Page();
    }
}

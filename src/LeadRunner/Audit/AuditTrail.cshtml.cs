using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Audit;

[Authorize(Policy = Policies.SysAdmin)]
public sealed class AuditTrailModel(LeadRunnerDb db) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Entries = await db.AuditEntries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(200).AsNoTracking().ToListAsync(ct);
}

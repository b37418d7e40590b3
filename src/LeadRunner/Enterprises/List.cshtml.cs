using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

[Authorize(Policy = Policies.Staff)]
public sealed class ListModel(LeadRunnerDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<EnterprisesApi.EnterpriseDto> Enterprises { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Enterprises.AsQueryable();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            var code = q.ToUpperInvariant();
            query = query.Where(e => e.Name.Contains(q) || e.Uscc.Contains(code));
        }
        Enterprises = await EnterprisesApi.Project(query.OrderBy(e => e.CountyCode).ThenBy(e => e.Name)).Take(500).ToListAsync(ct);
    }
}

using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Audit;

/// <summary>The auditor's page: filter and page through the log, verify its hash chain, export what is shown.</summary>
[Authorize(Policy = Policies.Auditor)]
public sealed class AuditTrailModel(LeadRunnerDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public bool Verify { get; set; }

    public AuditQuery? Query { get; private set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Query is null ? 0 : Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);
    public AuditVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Read from the query string: model binding would take "page" from the route values (the page's own path).
        var (query, errors) = AuditQuery.Parse(UserFilter, Kind, From, To, Request.Query["page"], null);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field, string.Join("", messages));
        }
        Query = query;
        if (query is not null)
        {
            var entries = query.Apply(db);
            Total = await entries.CountAsync(ct);
            Entries = await entries.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        }
        if (Verify)
        {
            Verification = await AuditApi.VerifyAsync(db, ct);
        }
        return Page();
    }
}

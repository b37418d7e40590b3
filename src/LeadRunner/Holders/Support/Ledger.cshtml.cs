using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Holders.Support;

/// <summary>
/// 支持资金台账: the claims in the staff member's region (the query filters scope them) per year, kind and status,
/// with their totals; the province exports the same rows to Excel.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class LedgerModel(LeadRunnerDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<SupportLedger.Row> Rows { get; private set; } = [];
    public SupportLedger.Totals Totals { get; private set; } = SupportLedger.Sum([]);

    /// <summary>The years that have claims in the region, for the filter.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool CanExport => User.IsInRole(Roles.Province);

    /// <summary>The export address with the same filter.</summary>
    public string ExportUrl => QueryString.Create(new Dictionary<string, string?> { ["year"] = Year, ["kind"] = Kind, ["status"] = Status }
        .Where(p => !string.IsNullOrWhiteSpace(p.Value))) is var query ? "/api/support-claims.xlsx" + query : "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await SupportLedger.ListAsync(db, SupportLedger.Filter.All, ct);
        Years = [.. all.Select(r => r.Year).Distinct().OrderDescending()];
        var (filter, errors) = SupportLedger.Filter.Read(Year, Kind, Status);
        if (filter is null)
        {
            Errors = [.. errors.SelectMany(e => e.Value)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Rows = all.Where(r => (filter.Year is null || r.Year == filter.Year) && (filter.Kind is null || r.Kind == SupportKinds.Name(filter.Kind.Value))
            && (filter.Status is null || r.Status == SupportKinds.StatusName(filter.Status.Value))).ToList();
        Totals = SupportLedger.Sum(Rows);
    }
}

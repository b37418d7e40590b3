using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

[Authorize(Policy = Policies.Staff)]
public sealed class RegisterModel(LeadRunnerDb db, EnterpriseRegistration registration, RoundLists lists) : PageModel
{
    public sealed record CountyOption(string Code, string Label);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Uscc { get; set; }
    [BindProperty] public string? CountyCode { get; set; }
    [BindProperty] public int? ClusterId { get; set; }
    [BindProperty] public string? IndustryCategory { get; set; }

    public IReadOnlyList<CountyOption> Counties { get; private set; } = [];
    public IReadOnlyList<Cluster> Clusters { get; private set; } = [];

    /// <summary>The current round's industries still offered, traditional ones marked.</summary>
    public IReadOnlyList<Industry> Industries { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadOptionsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await registration.RegisterAsync(new(Name, Uscc, CountyCode, ClusterId, IndustryCategory), ct);
        if (outcome is EnterpriseRegistration.Outcome.Registered registered)
        {
            return Redirect($"/staff/enterprises/{registered.Enterprise.Id}");
        }
        Errors = outcome switch
        {
            EnterpriseRegistration.Outcome.Invalid invalid => invalid.Errors,
            EnterpriseRegistration.Outcome.UnknownCounty unknown => new() { ["countyCode"] = [unknown.Message] },
            EnterpriseRegistration.Outcome.OutOfScope outOfScope => new() { ["countyCode"] = [outOfScope.Message] },
            EnterpriseRegistration.Outcome.Duplicate duplicate => new() { ["uscc"] = [duplicate.Message] },
            _ => new() { [""] = ["登记失败。"] },
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        Counties = await db.Counties
            .Where(c => scope.SeesAll || c.Code == scope.CountyCode || c.UnitCode == scope.UnitCode)
            .OrderBy(c => c.Code)
            .Select(c => new CountyOption(c.Code, c.Unit!.Name + " · " + c.Name))
            .ToListAsync(ct);
        Clusters = await db.Clusters.Where(c => c.Active).OrderBy(c => c.CountyCode).ThenBy(c => c.Name).ToListAsync(ct);
        Industries = (lists.Current())?.Industries.Where(i => !i.Retired).ToList() ?? [];
    }
}

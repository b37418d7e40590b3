using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(LeadRunnerDb db, Accounts.Admin.AccountAdministration accounts) : PageModel
{
    public EnterprisesApi.EnterpriseDto Enterprise { get; private set; } = null!;

    /// <summary>The city's newest pool-entry decision on the enterprise, or null.</summary>
    public Pool.PoolStanding.MembershipDto? Pool { get; private set; }

    /// <summary>The enterprise's account name, or null when it has none yet.</summary>
    public string? AccountName { get; private set; }

    /// <summary>Whether this user may open the enterprise's account (its county); others are told who does.</summary>
    public bool MayActivate => Accounts.Admin.AccountAdministration.MayActivateEnterpriseAccounts(User);

    [TempData] public string? Message { get; set; }
    [TempData] public string? OneTimePassword { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        // Out-of-scope enterprises are filtered out by the DbContext and so answer 404, revealing nothing.
        var enterprise = await EnterprisesApi.Project(db.Enterprises.Where(e => e.Id == id)).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return NotFound();
        }
        Enterprise = enterprise;
        Pool = await LeadRunner.Enterprises.Pool.PoolStanding.LatestAsync(db, id, ct);
        AccountName = await accounts.EnterpriseAccountAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(int id)
    {
        if (!MayActivate)
        {
            return Forbid();
        }
        switch (await accounts.ActivateEnterpriseAsync(id, User))
        {
            case Accounts.Admin.AccountAdministration.Outcome.Done done:
                Message = $"已开通企业账号 {done.User.UserName}。";
                OneTimePassword = done.OneTimePassword;
                break;
            case Accounts.Admin.AccountAdministration.Outcome.Invalid invalid:
                Message = string.Join("；", invalid.Errors.SelectMany(e => e.Value));
                break;
            default:
                return NotFound();
        }
        return RedirectToPage(new { id });
    }
}

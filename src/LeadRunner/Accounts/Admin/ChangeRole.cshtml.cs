using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Accounts.Admin;

/// <summary>The security administrator moves one account to another role or region, giving the reason (reached from the accounts list).</summary>
[Authorize(Policy = Policies.SecAdmin)]
public sealed class ChangeRoleModel(AccountAdministration accounts, LeadRunnerDb db, UserManager<AppUser> users) : PageModel
{
    [BindProperty] public AccountAdministration.RoleChange? Change { get; set; }

    public AppUser Account { get; private set; } = null!;
    public AccountAdministration.Standing Current { get; private set; } = null!;
    public AccountChoices Choices { get; private set; } = AccountChoices.None;

    /// <summary>Shown by the accounts list the change returns to.</summary>
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Change = new(Current.Role, Account.CountyCode, Account.UnitCode, Account.EnterpriseId, null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        switch (await accounts.ChangeRoleAsync(id, users.GetUserId(User)!, Change ?? new(null, null, null, null, null)))
        {
            case AccountAdministration.Outcome.Done { User: var user }:
                Message = $"已变更 {user.UserName}（{user.DisplayName}）的角色，现为{await accounts.StandingOfAsync(user)}；其会话已全部结束。";
                return LocalRedirect($"/admin/accounts?q={Uri.EscapeDataString(user.UserName!)}");
            case AccountAdministration.Outcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError($"Change.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
                    }
                }
                return await LoadAsync(id) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return false;
        }
        Account = account;
        Current = await accounts.StandingOfAsync(account);
        Choices = await AccountChoices.LoadAsync(db);
        return true;
    }
}

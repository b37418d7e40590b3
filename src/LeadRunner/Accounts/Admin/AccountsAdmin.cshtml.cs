using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Accounts.Admin;

[Authorize(Policy = Policies.SecAdmin)]
public sealed class AccountsAdminModel(AccountAdministration accounts, LeadRunnerDb db, UserManager<AppUser> users) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public AccountAdministration.NewAccount? New { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public AccountAdministration.Page Accounts { get; private set; } = new(0, []);
    public AccountChoices Choices { get; private set; } = AccountChoices.None;

    [TempData] public string? Message { get; set; }
    [TempData] public string? OneTimePassword { get; set; }
    [TempData] public string? OneTimeFor { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await accounts.CreateAsync(New ?? new(null, null, null, null, null, null));
        if (outcome is AccountAdministration.Outcome.Invalid invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError($"New.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
                }
            }
            await LoadAsync();
            return Page();
        }
        return Issued(outcome, "账号已创建");
    }

    public Task<IActionResult> OnPostLockAsync(string id) => ActAsync(accounts.LockAsync(id, Me, Reason), "账号已锁定，其会话已全部结束");
    public Task<IActionResult> OnPostUnlockAsync(string id) => ActAsync(accounts.UnlockAsync(id, Me), "账号已解锁");
    public Task<IActionResult> OnPostDisableAsync(string id) => ActAsync(accounts.DisableAsync(id, Me, Reason), "账号已停用，其会话已全部结束");
    public Task<IActionResult> OnPostEnableAsync(string id) => ActAsync(accounts.EnableAsync(id, Me), "账号已启用");
    public Task<IActionResult> OnPostResetAsync(string id) => ActAsync(accounts.ResetAsync(id, Me), "密码已重置");
    public Task<IActionResult> OnPostPublishAsync(string id, bool grant) =>
        ActAsync(accounts.SetPublishAsync(id, Me, grant), grant ? "已授予发布权限，其会话已全部结束" : "已收回发布权限，其会话已全部结束");

    private string Me => users.GetUserId(User)!;

    private async Task<IActionResult> ActAsync(Task<AccountAdministration.Outcome> action, string done) => Issued(await action, done);

    private RedirectToPageResult Issued(AccountAdministration.Outcome outcome, string done)
    {
        switch (outcome)
        {
            case AccountAdministration.Outcome.Done { User: var user, OneTimePassword: var password }:
                Message = $"{done}：{user.UserName}（{user.DisplayName}）。";
                OneTimePassword = password;
                OneTimeFor = password is null ? null : user.UserName;
                break;
            case AccountAdministration.Outcome.Invalid invalid:
                Message = string.Join("；", invalid.Errors.SelectMany(e => e.Value));
                break;
            default:
                Message = "账号不存在。";
                break;
        }
        return RedirectToPage(new { Role, Q, p = PageNumber });
    }

    private async Task LoadAsync()
    {
        Accounts = await accounts.ListAsync(Role, Q, PageNumber, PageSize);
        Choices = await AccountChoices.LoadAsync(db);
    }
}

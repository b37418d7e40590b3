using LeadRunner.Accounts.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Accounts.Pages;

/// <summary>The signed-in user's own account: who they are, their sessions and last sign-ins, "sign out elsewhere".</summary>
[Authorize]
public sealed class MyAccountModel(UserManager<AppUser> users, SessionStore sessions) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public IReadOnlyList<string> RoleNames { get; private set; } = [];
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];
    public string? CurrentSession { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Account = user;
        RoleNames = [.. (await users.GetRolesAsync(user)).Select(r => Roles.ChineseNames.GetValueOrDefault(r, r))];
        Sessions = await sessions.RecentAsync(user.Id, 10);
        CurrentSession = SessionStore.IdOf(User);
        return Page();
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var ended = await sessions.EndAllAsync(users.GetUserId(User)!, "在其他会话中退出", except: SessionStore.IdOf(User));
        Done = ended == 0 ? "没有其他在线会话。" : $"已退出其他 {ended} 个会话。";
        return RedirectToPage();
    }
}

using System.ComponentModel.DataAnnotations;
using LeadRunner.Accounts.Login;
using LeadRunner.Accounts.Passwords;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Accounts.Pages;

[Authorize]
public sealed class ChangePasswordModel(UserManager<AppUser> users, PasswordChange change, SessionSignIn sessions) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请输入原密码。")]
        [DataType(DataType.Password)]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessage = "请输入新密码。")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "请再次输入新密码。")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "两次输入的新密码不一致。")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool MustChange { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => MustChange = (await users.GetUserAsync(User))?.MustChangePassword == true;

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        MustChange = user.MustChangePassword;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await change.ChangeAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in PasswordErrors.ByField(result))
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field == "oldPassword" ? "Input.OldPassword" : "Input.NewPassword", message);
                }
            }
            return Page();
        }
        // Every earlier session ended with the change; this browser continues in a new one.
        await sessions.SignInCookieAsync(user, HttpContext);
        Done = "密码已修改，其他设备上的登录已全部退出。";
        return RedirectToPage();
    }
}

using System.ComponentModel.DataAnnotations;
using LeadRunner.Accounts.Login;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hosting.RateLimits.Login)]
public sealed class LoginModel(PasswordSignIn check, SessionSignIn sessions, UserManager<AppUser> users) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请输入用户名。")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请输入密码。")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        switch (await check.CheckAsync(Input.UserName, Input.Password, HttpContext))
        {
            case PasswordSignIn.Result.BackedOff backedOff:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = backedOff.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ModelState.AddModelError("", $"失败次数过多，请 {backedOff.Seconds} 秒后再试。");
                return Page();
            case PasswordSignIn.Result.Success success:
                await sessions.SignInCookieAsync(success.User, HttpContext);
                return LocalRedirect(await LandingAsync(success.User));
            default:
                ModelState.AddModelError("", PasswordSignIn.Refused);
                return Page();
        }
    }

    private async Task<string> LandingAsync(AppUser user)
    {
        if (user.MustChangePassword)
        {
            return "/account/password";
        }
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl))
        {
            return ReturnUrl;
        }
        var roles = await users.GetRolesAsync(user);
        return roles.FirstOrDefault() switch
        {
            Roles.Enterprise => "/portal",
            Roles.SecAdmin => "/admin/accounts",
            Roles.Auditor => "/audit",
            _ => "/staff",
        };
    }
}

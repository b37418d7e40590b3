using LeadRunner.Accounts.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Accounts;

public sealed class LogoutModel(SignInManager<AppUser> signIn, SessionStore sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Ending the session, not only dropping the cookie, makes a copied cookie useless too.
        if (SessionStore.IdOf(User) is { } id)
        {
            await sessions.EndAsync(id, "退出登录");
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}

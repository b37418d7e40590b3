using System.Net;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Accounts;

/// <summary>"我的账号" in the browser: the session list with "退出其他会话", and changing the password, which signs this browser in again.</summary>
public class AccountPagesTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task MyAccount_ListsTheSessions_AndSignsOutTheOthers()
    {
        const string user = "county.130225";
        var other = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), user)).AccessToken);
        var (browser, _, _) = await SignIns.BrowserAsync(factory, user);

        var page = await browser.GetStringAsync("/account");
        Assert.Contains("最近登录与会话", page, StringComparison.Ordinal);
        Assert.Contains("当前会话", page, StringComparison.Ordinal);
        Assert.Contains("<td>在线</td>", page, StringComparison.Ordinal);
        Assert.Contains("退出其他会话（1）", page, StringComparison.Ordinal);

        var ended = await browser.PostAsync("/account?handler=EndOthers", AccountsAdminPageTests.Form(page));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var after = await browser.GetStringAsync(ended.Headers.Location!.ToString());
        Assert.Contains("已退出其他 1 个会话。", after, StringComparison.Ordinal);
        Assert.Contains("已结束（在其他会话中退出）", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/manage/info")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_RefusesAMismatch_ThenChanges_AndSignsThisBrowserInAgain()
    {
        const string user = "county.130224";
        var other = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), user)).AccessToken);
        var (browser, oldCookie, _) = await SignIns.BrowserAsync(factory, user);
        var page = await browser.GetStringAsync("/account/password");
        Assert.Contains("修改密码", page, StringComparison.Ordinal);

        var mismatch = await browser.PostAsync("/account/password", AccountsAdminPageTests.Form(page,
            ("Input.OldPassword", LeadRunnerFactory.Password), ("Input.NewPassword", "Leting#Office2026"), ("Input.ConfirmPassword", "Leting#Office2027")));
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var common = await browser.PostAsync("/account/password", AccountsAdminPageTests.Form(page,
            ("Input.OldPassword", LeadRunnerFactory.Password), ("Input.NewPassword", "Football123"), ("Input.ConfirmPassword", "Football123")));
        Assert.Contains("该密码过于常见或已公开", await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await browser.PostAsync("/account/password", AccountsAdminPageTests.Form(page,
            ("Input.OldPassword", LeadRunnerFactory.Password), ("Input.NewPassword", "Leting#Office2026"), ("Input.ConfirmPassword", "Leting#Office2026")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains(changed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("leadrunner=", StringComparison.Ordinal));

        // This browser goes on in a new session; the cookie it had and every other session are revoked.
        var after = await browser.GetStringAsync(changed.Headers.Location!.ToString());
        Assert.Contains("密码已修改，其他设备上的登录已全部退出。", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIns.WithCookie(factory, oldCookie).GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/manage/info")).StatusCode);
        await SignIns.TokensAsync(factory.AnonymousClient(), user, "Leting#Office2026");
    }
}

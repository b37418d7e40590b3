using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

/// <summary>
/// A person is told, in-app and by mail, when their password is changed or reset and when their account signs in from
/// a new address (ASVS V2.2.3); the notice reaches that account only, not its colleagues in the same region.
/// </summary>
public class SecurityNoticeTests(ClientAddressFactory factory) : IClassFixture<ClientAddressFactory>
{
    [Fact]
    public async Task PasswordChange_TellsTheOwner_InAppAndByMail()
    {
        const string user = "county.130205";
        var api = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.ClientFrom("10.1.0.1"), user)).AccessToken);
        api.DefaultRequestHeaders.Add(ClientAddressFactory.Header, "10.1.0.1");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = LeadRunnerFactory.Password, newPassword = "Lubei#Office2026" })).StatusCode);

        var fresh = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.ClientFrom("10.1.0.1"), user, "Lubei#Office2026")).AccessToken);
        var notice = Assert.Single(await TitlesAsync(fresh), n => n.Title == "您的密码已修改");
        Assert.Contains($"账号 {user} 的密码于", notice.Message, StringComparison.Ordinal);
        Assert.Contains("来自 10.1.0.1", notice.Message, StringComparison.Ordinal);
        Assert.Contains("如非本人操作，请立即联系安全管理员", notice.Message, StringComparison.Ordinal);

        var mail = Assert.Single(await MailsAsync(user));
        Assert.Equal(("【领跑者平台】您的密码已修改", $"{user}@demo.lingpao-hebei.example"), (mail.Subject, mail.ToAddress));
    }

    [Fact]
    public async Task ANotice_ReachesItsAccountOnly_NotOthersOfTheSameRole()
    {
        // Province notifications go to every province account; a notice to one of them must not.
        var secadmin = await factory.ClientFor("secadmin");
        var created = (await (await secadmin.PostAsJsonAsync("/api/accounts", new { userName = "province.staff.21", displayName = "省工信厅 李四", role = "province" }))
            .Content.ReadFromJsonAsync<LeadRunner.Accounts.Admin.AccountsApi.Issued>())!;
        var first = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), created.UserName, created.OneTimePassword)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = created.OneTimePassword, newPassword = "Shengting#Li2026" })).StatusCode);

        var own = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), created.UserName, "Shengting#Li2026")).AccessToken);
        Assert.Contains(await TitlesAsync(own), n => n.Title == "您的密码已修改");
        var colleague = await factory.ClientFor("province");
        Assert.DoesNotContain(await TitlesAsync(colleague), n => n.Message.Contains("province.staff.21", StringComparison.Ordinal));
        // Neither can the colleague mark it read.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var noticeId = await db.Notifications.Where(n => n.UserId == created.Id).Select(n => n.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsync($"/api/notifications/{noticeId}/read", null)).StatusCode);
    }

    [Fact]
    public async Task ResetByTheSecurityAdministrator_TellsTheOwner()
    {
        const string user = "county.130208";
        var secadmin = await factory.ClientFor("secadmin");
        var reset = await secadmin.PostAsync($"/api/accounts/{await IdOfAsync(user)}/reset", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var oneTime = (await reset.Content.ReadFromJsonAsync<LeadRunner.Accounts.Admin.AccountsApi.Issued>())!.OneTimePassword;

        var mail = Assert.Single(await MailsAsync(user));
        Assert.Equal("【领跑者平台】您的密码已被安全管理员重置", mail.Subject);
        Assert.Contains("如您没有申请重置，请与安全管理员核实", mail.Body, StringComparison.Ordinal);

        // Read in-app once the one-time password is replaced.
        var first = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), user, oneTime)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = oneTime, newPassword = "Guye#Office2026" })).StatusCode);
        var api = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), user, "Guye#Office2026")).AccessToken);
        Assert.Contains(await TitlesAsync(api), n => n.Title == "您的密码已被安全管理员重置");
    }

    [Fact]
    public async Task SignInFromANewAddress_IsNotified_OnceAndOnlyForANewOne()
    {
        const string user = "county.130209";
        // The first sign-in ever, and the same address again: nothing to tell.
        await SignIns.TokensAsync(factory.ClientFrom("10.2.0.1"), user);
        await SignIns.TokensAsync(factory.ClientFrom("10.2.0.1"), user);
        Assert.Empty(await MailsAsync(user));

        await SignIns.TokensAsync(factory.ClientFrom("10.2.0.2"), user);
        var browser = factory.ClientFrom("10.2.0.3");
        Assert.Equal(HttpStatusCode.Redirect, (await SignIns.PostLoginAsync(browser, user, LeadRunnerFactory.Password)).StatusCode);
        await SignIns.TokensAsync(factory.ClientFrom("10.2.0.2"), user);

        var mails = await MailsAsync(user);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("【领跑者平台】新地址登录提醒", m.Subject));
        Assert.Contains(mails, m => m.Body.Contains("10.2.0.2 登录（令牌）", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Body.Contains("10.2.0.3 登录（浏览器）", StringComparison.Ordinal));
        var api = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.ClientFrom("10.2.0.1"), user)).AccessToken);
        Assert.Equal(2, (await TitlesAsync(api)).Count(n => n.Title == "新地址登录提醒"));
    }

    private sealed record Notice(string Title, string Message);

    private static async Task<List<Notice>> TitlesAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/notifications?pageSize=100");
        return [.. page.GetProperty("items").EnumerateArray().Select(i => new Notice(i.GetProperty("title").GetString()!, i.GetProperty("message").GetString()!))];
    }

    private async Task<List<LeadRunner.Notifications.Mail.OutgoingMail>> MailsAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.OutgoingMails.AsNoTracking().Where(m => m.UserId == id).OrderBy(m => m.Id).ToListAsync();
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}

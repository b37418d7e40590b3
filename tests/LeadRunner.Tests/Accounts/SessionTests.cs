using System.Net;
using System.Net.Http.Json;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Accounts;

/// <summary>Logout, password change, lock and idle time end sessions at once, cookie and token alike; refresh tokens work once.</summary>
public class SessionTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task Cookie_AfterLogout_NoLongerWorks_EvenWhenReplayed()
    {
        var (client, cookie, _) = await SignIns.BrowserAsync(factory, "county.130123");
        var copied = SignIns.WithCookie(factory, cookie);
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/api/auth/manage/info")).StatusCode);

        var logoutPage = await client.GetStringAsync("/logout");
        var logout = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Enterprises.EnterpriseRegistrationTests.AntiforgeryToken(logoutPage),
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copied.GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal("退出登录", await EndReasonAsync("county.130123"));
    }

    [Fact]
    public async Task TokenLogout_RevokesTheAccessAndRefreshTokens()
    {
        var tokens = await SignIns.TokensAsync(factory.AnonymousClient(), "county.130171");
        var api = SignIns.WithToken(factory, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/auth/manage/info")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/auth/manage/info")).StatusCode);
        var refreshed = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        Assert.Equal("退出登录", await EndReasonAsync("county.130171"));
    }

    [Fact]
    public async Task PasswordChange_AnswersOk_AndRevokesEarlierTokensAndCookies()
    {
        const string user = "county.130129";
        var tokens = await SignIns.TokensAsync(factory.AnonymousClient(), user);
        var (_, cookie, _) = await SignIns.BrowserAsync(factory, user);
        var api = SignIns.WithToken(factory, tokens.AccessToken);

        var info = await api.GetFromJsonAsync<AuthApi.AccountInfo>("/api/auth/manage/info");
        Assert.Equal((user, false), (info!.UserName, info.MustChangePassword));
        Assert.Equal(["county"], info.Roles);

        var weak = await api.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = LeadRunnerFactory.Password, newPassword = "Password123!" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("过于常见", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongOld = await api.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = "Wrong@12345", newPassword = "Fresh#Pass2026" });
        Assert.Contains("oldPassword", await wrongOld.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await api.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = LeadRunnerFactory.Password, newPassword = "Fresh#Pass2026" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIns.WithCookie(factory, cookie).GetAsync("/api/auth/manage/info")).StatusCode);
        var refreshed = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);

        // The new password works; the old one and the last five passwords cannot be chosen again.
        var fresh = await SignIns.TokensAsync(factory.AnonymousClient(), user, "Fresh#Pass2026");
        var back = await SignIns.WithToken(factory, fresh.AccessToken)
            .PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = "Fresh#Pass2026", newPassword = "Fresh#Pass2026" });
        Assert.Contains("最近 5 次", await back.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshToken_WorksOnce_ASecondUseEndsTheSession()
    {
        var tokens = await SignIns.TokensAsync(factory.AnonymousClient(), "county.130125");
        var first = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var renewed = (await first.Content.ReadFromJsonAsync<SignIns.Tokens>())!;
        Assert.Equal(HttpStatusCode.OK, (await SignIns.WithToken(factory, renewed.AccessToken).GetAsync("/api/auth/manage/info")).StatusCode);

        var replay = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIns.WithToken(factory, renewed.AccessToken).GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal("刷新令牌被重复使用", await EndReasonAsync("county.130125"));
    }

    [Fact]
    public async Task RefreshToken_UsedConcurrently_IssuesExactlyOnePair_AndEndsTheSession()
    {
        // Both requests read the session before either writes: without an atomic swap both would get a new pair.
        var rendezvous = new ReadRendezvous(2, command => command.CommandText.Contains("FROM \"UserSessions\"", StringComparison.Ordinal)
            && command.CommandText.Contains("\"RefreshNonce\"", StringComparison.Ordinal));
        var tokens = await SignIns.TokensAsync(factory.AnonymousClient(), "county.130132");
        using var racing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.ConfigureDbContext<LeadRunnerDb>(options => options.AddInterceptors(rendezvous))));
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            racing.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })));

        Assert.True(rendezvous.Met);
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Unauthorized);
        var renewed = (await winner.Content.ReadFromJsonAsync<SignIns.Tokens>())!;
        // The loser counts as a reuse: the session ends, so the winning pair is worthless too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIns.WithToken(factory, renewed.AccessToken).GetAsync("/api/auth/manage/info")).StatusCode);
        var again = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = renewed.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("刷新令牌被重复使用", await EndReasonAsync("county.130132"));
    }

    [Fact]
    public async Task SignOutElsewhere_EndsTheOtherSessions_KeepsThisOne()
    {
        var mine = await SignIns.TokensAsync(factory.AnonymousClient(), "county.130126");
        var other = await SignIns.TokensAsync(factory.AnonymousClient(), "county.130126");
        var api = SignIns.WithToken(factory, mine.AccessToken);

        var sessions = await api.GetFromJsonAsync<List<AuthApi.SessionDto>>("/api/auth/sessions");
        Assert.Equal(2, sessions!.Count(s => s.EndedAt is null));
        Assert.Single(sessions!, s => s.Current);

        var ended = await api.PostAsync("/api/auth/sessions/end-others", null);
        Assert.Equal(1, await ended.Content.ReadFromJsonAsync<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIns.WithToken(factory, other.AccessToken).GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/auth/manage/info")).StatusCode);
    }

    [Fact]
    public async Task IdleSession_EndsAfterTheConfiguredTime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clocked = new LeadRunnerFactory { Clock = clock };
        // Tokens outlive the idle limit here, so it is the session check that refuses, not the token's own expiry.
        using var factoryWithLongTokens = clocked.WithWebHostBuilder(b => b.UseSetting("Accounts:AccessTokenMinutes", "240"));
        var tokens = await SignIns.TokensAsync(factoryWithLongTokens.CreateClient(), "county.130127");
        var api = factoryWithLongTokens.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/auth/manage/info")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/auth/manage/info")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/auth/manage/info")).StatusCode);

        await using var scope = factoryWithLongTokens.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var user = await db.Users.SingleAsync(u => u.UserName == "county.130127");
        Assert.Equal("空闲超时", await db.UserSessions.Where(s => s.UserId == user.Id).Select(s => s.EndReason).SingleAsync());
    }

    [Fact]
    public async Task ActiveSession_EndsAtItsAbsoluteLifetime_CookieTokenAndRefreshAlike()
    {
        const string user = "county.130133";
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clocked = new LeadRunnerFactory { Clock = clock };
        // Access tokens outlive the 12 hours here, so it is the session's age that refuses them, not their own expiry.
        using var app = clocked.WithWebHostBuilder(b => b.UseSetting("Accounts:AccessTokenMinutes", "780"));
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await SignIns.PostLoginAsync(browser, user, LeadRunnerFactory.Password)).StatusCode);
        var refreshed = await SignIns.TokensAsync(app.CreateClient(), user);
        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", (await SignIns.TokensAsync(app.CreateClient(), user)).AccessToken);

        // In use every 20 minutes for 11 h 40 min: never idle, the cookie slides and each refresh issues a new pair.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/manage/info")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/auth/manage/info")).StatusCode);
            var renewal = await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refreshed.RefreshToken });
            Assert.Equal(HttpStatusCode.OK, renewal.StatusCode);
            refreshed = (await renewal.Content.ReadFromJsonAsync<SignIns.Tokens>())!;
        }

        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refreshed.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIns.WithToken(clocked, refreshed.AccessToken).GetAsync("/api/auth/manage/info")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var id = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync();
        var reasons = await db.UserSessions.Where(s => s.UserId == id).Select(s => s.EndReason).ToListAsync();
        Assert.Equal(3, reasons.Count);
        Assert.All(reasons, reason => Assert.Equal(LeadRunner.Accounts.Sessions.SessionGuard.AbsoluteLifetimeReached, reason));
    }

    [Fact]
    public async Task ExpiredPassword_MustBeChangedAtTheNextSignIn()
    {
        using var expiring = factory.WithWebHostBuilder(b => b.UseSetting("Accounts:PasswordMaxAgeDays", "90"));
        await using (var scope = expiring.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var user = await db.Users.SingleAsync(u => u.UserName == "county.130130");
            user.PasswordChangedAt = DateTimeOffset.UtcNow.AddDays(-91);
            await db.SaveChangesAsync();
        }
        var tokens = await SignIns.TokensAsync(expiring.CreateClient(), "county.130130");
        var api = expiring.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var blocked = await api.GetAsync("/api/enterprises");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("请先修改初始密码", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await api.GetFromJsonAsync<AuthApi.AccountInfo>("/api/auth/manage/info"))!.MustChangePassword);
    }

    [Fact]
    public async Task OverHttps_TheCookieIsSecure_HttpOnly_AndSameSite()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var response = await SignIns.PostLoginAsync(client, "county.130131", LeadRunnerFactory.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("leadrunner=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
    }

    private async Task<string?> EndReasonAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        return await db.UserSessions.Where(s => s.UserId == user.Id && s.EndedAt != null).OrderByDescending(s => s.EndedAt).Select(s => s.EndReason).FirstAsync();
    }
}

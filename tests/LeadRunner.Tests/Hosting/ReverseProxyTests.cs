using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Tests.Accounts;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Hosting;

/// <summary>The app behind one trusted reverse proxy (10.1.1.1), with a small login allowance.</summary>
public sealed class ProxiedFactory : ClientAddressFactory
{
    public const string Proxy = "10.1.1.1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ReverseProxy:KnownProxies:0", Proxy);
        builder.UseSetting("RateLimits:Login:PermitLimit", "8");
        builder.UseSetting("RateLimits:Login:WindowSeconds", "3600");
    }
}

/// <summary>
/// Behind a trusted proxy every forwarded client is its own client (back-off, rate limits, audit) and a forwarded
/// https brings the Secure cookie and HSTS; from anyone else, and with no proxy configured, forwarded headers change nothing.
/// </summary>
public sealed class ReverseProxyTests(ProxiedFactory proxied) : IClassFixture<ProxiedFactory>
{
    private const string Wrong = "Wrong@12345";

    [Fact]
    public async Task TrustedProxy_BackOffIsPerForwardedClient_AndTheAuditNamesIt()
    {
        var attacker = Through(proxied, ProxiedFactory.Proxy, "203.0.113.66");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(attacker, "county.130123", Wrong)).StatusCode);
        }
        var blocked = await LoginAsync(attacker, "county.130123", LeadRunnerFactory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("秒后再试", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The real user comes through the same proxy and is not held back by the attacker's failures.
        var user = Through(proxied, ProxiedFactory.Proxy, "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user, "county.130123", LeadRunnerFactory.Password)).StatusCode);

        await using var scope = proxied.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.True(await db.LoginThrottles.AnyAsync(t => t.Key == "COUNTY.130123|203.0.113.66"));
        var entries = await db.AuditEntries.Where(a => a.UserName == "county.130123").OrderBy(a => a.Id).ToListAsync();
        Assert.Contains("203.0.113.66", entries[0].Subject, StringComparison.Ordinal);
        Assert.Equal("203.0.113.66", entries[0].ClientIp);
        Assert.Equal("203.0.113.7", entries[^1].ClientIp);
    }

    [Fact]
    public async Task TrustedProxy_RateLimitIsPerForwardedClient()
    {
        var flooder = Through(proxied, ProxiedFactory.Proxy, "203.0.113.20");
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(flooder, $"guess{i}", Wrong)).StatusCode);
        }
        var refused = await LoginAsync(flooder, "county.130534", LeadRunnerFactory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(RateLimits.Login, (await refused.Content.ReadFromJsonAsync<JsonObject>())!["limit"]!.GetValue<string>());

        var other = Through(proxied, ProxiedFactory.Proxy, "203.0.113.21");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(other, "county.130534", LeadRunnerFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task TrustedProxy_ForwardedHttps_BringsTheSecureCookieAndHsts()
    {
        var browser = Through(proxied, ProxiedFactory.Proxy, "203.0.113.30");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var home = await browser.GetAsync("/");
        Assert.StartsWith("max-age=", Header(home, "Strict-Transport-Security"), StringComparison.Ordinal);

        var login = await SignIns.PostLoginAsync(browser, "county.130534", LeadRunnerFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = SiteCookie(login);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("10.2.2.2", "10.2.2.3", "county.130125")] // not the proxy
    [InlineData("127.0.0.1", "127.0.0.2", "county.130126")] // loopback, which ASP.NET Core would trust by default
    public async Task UntrustedSender_ForwardedHeadersChangeNothing(string sender, string browserSender, string account) =>
        await ForwardedHeadersAreIgnoredAsync(proxied, sender, browserSender, account);

    [Fact]
    public async Task NoProxyConfigured_ForwardedHeadersChangeNothing()
    {
        await using var direct = new ClientAddressFactory();
        await ForwardedHeadersAreIgnoredAsync(direct, ProxiedFactory.Proxy, "10.1.1.2", "county.130127");
    }

    /// <summary>
    /// A client changing X-Forwarded-For at every try is still one client: its failures back it off. Claiming https
    /// over plain http brings neither HSTS nor a Secure cookie.
    /// </summary>
    private static async Task ForwardedHeadersAreIgnoredAsync(ClientAddressFactory factory, string sender, string browserSender, string account)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(Through(factory, sender, $"198.51.100.{i + 1}"), account, Wrong)).StatusCode);
        }
        var spoofed = await LoginAsync(Through(factory, sender, "198.51.100.99"), account, LeadRunnerFactory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
        Assert.Contains("秒后再试", await spoofed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var browser = Through(factory, browserSender, "198.51.100.50");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        Assert.Null(Header(await browser.GetAsync("/"), "Strict-Transport-Security"));
        var login = await SignIns.PostLoginAsync(browser, "county.130534", LeadRunnerFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("secure", SiteCookie(login), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A client whose connection comes from <paramref name="sender"/>, claiming to forward <paramref name="forwardedFor"/>.</summary>
    private static HttpClient Through(ClientAddressFactory factory, string sender, string forwardedFor)
    {
        // A host name that HSTS does not exclude (it leaves localhost alone).
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://leadrunner.example") });
        client.DefaultRequestHeaders.Add(ClientAddressFactory.Header, sender);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    private static string SiteCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith(LeadRunner.Accounts.AccountsFeature.CookieName + "=", StringComparison.Ordinal));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}

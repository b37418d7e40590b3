using System.Net;
using System.Net.Http.Json;
using LeadRunner.Accounts;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Hosting;

public class SecurityHeadersTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Theory]
    [InlineData("/", SecurityHeaders.PagePolicy)]
    [InlineData("/login", SecurityHeaders.PagePolicy)]
    [InlineData("/no-such-page", SecurityHeaders.PagePolicy)] // the friendly 404 page
    [InlineData("/api/documents/annex/1/blank.html", SecurityHeaders.DocumentPolicy)]
    [InlineData("/api/regions/units", null)] // JSON: no policy needed, the other headers still
    [InlineData("/css/site.css", null)] // static file
    [InlineData("/api/documents/annex/1/blank.docx", null)]
    public async Task EveryResponse_CarriesTheHeaders_AndHtmlItsPolicy(string path, string? policy)
    {
        var response = await factory.AnonymousClient().GetAsync(path);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
        Assert.Equal(policy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public void Policies_AllowNoInlineScriptOnPages_AndNoScriptAtAllInDocuments()
    {
        var page = Directives(SecurityHeaders.PagePolicy);
        Assert.Equal("'self'", page["script-src"]);
        Assert.Equal("'none'", page["object-src"]);
        Assert.Equal("'self'", page["base-uri"]);
        Assert.Equal("'self'", page["form-action"]);
        Assert.Equal("'self'", page["frame-ancestors"]);
        var document = Directives(SecurityHeaders.DocumentPolicy);
        Assert.Equal("'none'", document["default-src"]);
        Assert.False(document.ContainsKey("script-src"));
        // Filled annexes: FilledDocumentsTests.Download_WithinTheCallersScope_Succeeds checks their policy.
    }

    [Fact]
    public async Task ApiReference_RunsOnlyItsOwnNoncedScript_AFreshNonceEachTime()
    {
        var nonces = new List<string>();
        foreach (var _ in new[] { 1, 2 })
        {
            var response = await factory.AnonymousClient().GetAsync("/scalar/v1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = Header(response, "Content-Security-Policy")!;
            var scripts = Directives(policy)["script-src"];
            Assert.DoesNotContain("unsafe-inline", policy.Split("style-src")[0], StringComparison.Ordinal);
            var nonce = System.Text.RegularExpressions.Regex.Match(scripts, "^'self' 'nonce-([A-Za-z0-9+/=_-]{16,})'$").Groups[1].Value;
            Assert.NotEmpty(nonce);
            Assert.Equal(SecurityHeaders.ApiReferencePolicy.Replace(SecurityHeaders.NoncePlaceholder, nonce, StringComparison.Ordinal), policy);
            // Every script tag of the page, the inline start-up script included, carries that nonce.
            var html = await response.Content.ReadAsStringAsync();
            var tags = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
            Assert.Contains(tags, t => !t.Contains("src=", StringComparison.Ordinal));
            Assert.All(tags, t => Assert.Contains($"nonce=\"{nonce}\"", t, StringComparison.Ordinal));
            nonces.Add(nonce);
        }
        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [Fact]
    public void APolicyWithoutItsNonce_AllowsNoInlineScript()
    {
        var policy = new SecurityHeaders.PolicyAttribute(SecurityHeaders.ApiReferencePolicy) { NonceItemKey = "nonce" };
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        Assert.Equal("'self'", Directives(policy.For(context))["script-src"]);
        context.Items["nonce"] = "abc'; script-src *";
        Assert.Equal("'self'", Directives(policy.For(context))["script-src"]);
        context.Items["nonce"] = "AbC123+/=";
        Assert.Equal("'self' 'nonce-AbC123+/='", Directives(policy.For(context))["script-src"]);
    }

    [Fact]
    public async Task OnlyTheFormDesignerMayEvaluate_ForFormioSettingsDialogs()
    {
        var admin = await factory.ClientFor("admin");
        var designer = await admin.GetAsync("/admin/forms/objection/edit");
        var templates = await admin.GetAsync("/admin/templates/annex-08/edit");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (designer.StatusCode, templates.StatusCode));
        Assert.Equal(SecurityHeaders.DesignerPolicy, Header(designer, "Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.PagePolicy, Header(templates, "Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.PagePolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_ApiDescriptionNeedsASignedInUser_AndHttpsGetsHsts()
    {
        await using var production = new ProductionFactory();
        var anonymous = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://leadrunner.example") });
        foreach (var path in new[] { "/openapi/v1.json", "/scalar/v1" })
        {
            var refused = await anonymous.GetAsync(path);
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{path}: {refused.StatusCode}");
        }
        var home = await anonymous.GetAsync("/");
        Assert.StartsWith("max-age=", Header(home, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Null(Header(await production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://leadrunner.example") }).GetAsync("/"), "Strict-Transport-Security"));

        // Any signed-in user, whatever the role, reads it.
        const string password = "Api-Reading#2026";
        using (var scope = production.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var created = await users.CreateAsync(new AppUser { UserName = "openapi-reader", Email = "openapi-reader@example.org", DisplayName = "接口阅读者" }, password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "openapi-reader", password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LeadRunnerFactory.TokenResponse>())!.AccessToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Authorization = new("Bearer", token);
        var described = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        Assert.Contains("/api/auth/login", await described.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private sealed class ProductionFactory : LeadRunnerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadRunner.Tests.Accounts;

/// <summary>Signing in as a browser (the login page and its cookie) or as a script (the token pair), for account tests.</summary>
internal static class SignIns
{
    public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn);

    /// <summary>Signs in through the login page; returns the client (cookies kept) and the raw cookie to replay elsewhere.</summary>
    public static async Task<(HttpClient Client, string Cookie, HttpResponseMessage Response)> BrowserAsync(LeadRunnerFactory factory, string user, string password = LeadRunnerFactory.Password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await PostLoginAsync(client, user, password);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith("leadrunner=", StringComparison.Ordinal)).Select(v => v.Split(';')[0]).FirstOrDefault() ?? ""
            : "";
        return (client, cookie, response);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password)
    {
        var form = await client.GetStringAsync("/login");
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(form),
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }));
    }

    public static async Task<Tokens> TokensAsync(HttpClient client, string user, string password = LeadRunnerFactory.Password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    /// <summary>A client sending only the given cookie, as a copied cookie would be replayed.</summary>
    public static HttpClient WithCookie(LeadRunnerFactory factory, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static HttpClient WithToken(LeadRunnerFactory factory, string accessToken)
    {
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}

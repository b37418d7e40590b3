using System.Net;
using System.Text;
using LeadRunner.Tests.Accounts;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Security;

/// <summary>
/// Every state-changing route, API or page (each POST handler of each page, enumerated from the compiled pages),
/// refuses a request that a foreign site makes with the user's cookie.
/// </summary>
public class CrossSiteRequestTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task EveryCookieRoute_WithAForeignOrigin_IsRefusedBeforeItRuns()
    {
        var (_, cookie, _) = await SignIns.BrowserAsync(factory, "admin");
        var all = await PostHandlers.AllAsync(factory.Services);
        var routes = all.Select(r => (r.Method, r.Path)).ToList();
        Assert.True(routes.Count(r => r.Path.StartsWith("/api", StringComparison.Ordinal)) > 30, $"只找到 {routes.Count} 个写操作路由");
        // Every page with a POST handler, found from the compiled pages (21 when this was written).
        var pages = all.Where(r => r.IsPage).Select(r => r.Template).Distinct().ToList();
        Assert.True(pages.Count >= 21, $"只找到 {pages.Count} 个有 POST 处理程序的页面：{string.Join("、", pages)}");
        Assert.Contains(routes, r => r.Path == "/account?handler=EndOthers");
        Assert.Contains(routes, r => r.Path == "/verify/1");

        var passed = new List<string>();
        foreach (var (method, path) in routes)
        {
            foreach (var (origin, site) in new[] { ("https://evil.example", "cross-site"), ("http://localhost", "same-site") })
            {
                using var client = SignIns.WithCookie(factory, cookie);
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                request.Headers.Add("Origin", origin);
                request.Headers.Add("Sec-Fetch-Site", site);
                var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Forbidden
                    || (path.StartsWith("/api", StringComparison.Ordinal) && !(await response.Content.ReadAsStringAsync()).Contains("跨站请求被拒绝", StringComparison.Ordinal)))
                {
                    passed.Add($"{method} {path}（{site}）→ {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(passed.Count == 0, "这些路由接受了跨站请求：\n" + string.Join('\n', passed));
    }

    [Fact]
    public async Task SameOriginRequests_AndBearerClients_PassTheGuard()
    {
        var (_, cookie, _) = await SignIns.BrowserAsync(factory, "county.130534");
        using var client = SignIns.WithCookie(factory, cookie);
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sessions/end-others");
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(sameOrigin)).StatusCode);

        using var originOnly = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sessions/end-others");
        originOnly.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(originOnly)).StatusCode);

        // A script with a bearer token carries no ambient credential: no origin headers needed.
        var script = await factory.ClientFor("county.130534");
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync("/api/auth/sessions/end-others", null)).StatusCode);
    }
}

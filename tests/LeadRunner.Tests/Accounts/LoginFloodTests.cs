using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace LeadRunner.Tests.Accounts;

/// <summary>The app with a small login allowance, so a flood of sign-in attempts from one client can be seen refused.</summary>
public sealed class LoginFloodFactory : ClientAddressFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Login:PermitLimit", "3");
        builder.UseSetting("RateLimits:Login:WindowSeconds", "3600");
    }
}

public sealed class LoginFloodTests(LoginFloodFactory factory) : IClassFixture<LoginFloodFactory>
{
    [Fact]
    public async Task LoginFlood_FromOneClient_Gets429WithRetryAfter_OnTokenRoutesAndTheLoginPage_OtherClientsDoNot()
    {
        var flooder = factory.ClientFrom("10.9.9.9");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await flooder.PostAsJsonAsync("/api/auth/login", new { userName = $"guess{i}", password = "Wrong@12345" })).StatusCode);
        }
        var refused = await flooder.PostAsJsonAsync("/api/auth/login", new { userName = "county.130534", password = LeadRunnerFactory.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(RateLimits.Login, problem["limit"]!.GetValue<string>());
        Assert.Contains("登录过于频繁", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooder.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "x" })).StatusCode);

        // The page itself still shows (only attempts count), but posting it is refused with the Chinese error page.
        var page = await SignIns.PostLoginAsync(flooder, "county.130534", LeadRunnerFactory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFrom("10.9.9.10").PostAsJsonAsync("/api/auth/login", new { userName = "county.130534", password = LeadRunnerFactory.Password })).StatusCode);
    }
}

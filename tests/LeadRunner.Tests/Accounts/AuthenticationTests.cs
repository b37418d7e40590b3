using System.Net;
using System.Net.Http.Json;
using LeadRunner.Accounts;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

public class AuthenticationTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task ApiLogin_WithUserName_ReturnsBearerTokenAcceptedOnApi()
    {
        var client = factory.AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "city.133100", password = LeadRunnerFactory.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<LeadRunnerFactory.TokenResponse>();
        Assert.False(string.IsNullOrEmpty(token!.AccessToken));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/enterprises");
        request.Headers.Authorization = new("Bearer", token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task ApiLogin_WrongPassword_Returns401()
    {
        var response = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { email = "city.130200", password = "Wrong@1234" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SelfRegistration_IsNotExposed()
    {
        var response = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/register", new { email = "x@example.com", password = "Abcdef@123" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LoginPage_GoodPassword_SetsCookieAndRedirectsStaffToWorkbench()
    {
        var client = factory.AnonymousClient();
        var form = await client.GetStringAsync("/login");
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(form),
            ["Input.UserName"] = "county.130534",
            ["Input.Password"] = LeadRunnerFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("leadrunner=", StringComparison.Ordinal));

        // The cookie carries the county binding: the list is scoped exactly as with a bearer token.
        var list = await client.GetStringAsync("/staff/enterprises");
        Assert.Contains("恒嘉羊绒", list, StringComparison.Ordinal);
        Assert.DoesNotContain("华晶玻璃", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Good#Pass2026x", null)]
    [InlineData("Short@1Aa", "至少需要 10 个字符")]
    [InlineData("alllowercase", "至少三类")]
    [InlineData("Password123!", "过于常见")]
    [InlineData("demo@2024", "过于常见")]
    [InlineData("{user}X9!", "不能包含用户名")]
    public async Task PasswordPolicy_WeakPasswords_AreRefusedInChinese(string password, string? expected)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userName = $"policy.{Guid.NewGuid():N}"[..16];
        var result = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = "测试" }, password.Replace("{user}", userName, StringComparison.Ordinal));
        if (expected is null)
        {
            Assert.True(result.Succeeded);
        }
        else
        {
            Assert.False(result.Succeeded);
            Assert.Contains(result.Errors, e => e.Description.Contains(expected, StringComparison.Ordinal));
        }
    }
}

using LeadRunner.Accounts;
using LeadRunner.Accounts.Passwords;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

/// <summary>The password rules: five passwords of history, and a list of common and breached passwords (ASVS V2.1.7).</summary>
public class PasswordPolicyTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string CommonMessage = "该密码过于常见或已公开（如演示密码），请换一个。";

    [Fact]
    public async Task History_RefusesTheLastFivePasswords_AndAcceptsTheSixthOldest()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var change = scope.ServiceProvider.GetRequiredService<PasswordChange>();
        var user = (await users.FindByNameAsync("county.130203"))!;
        var current = LeadRunnerFactory.Password;
        async Task<IdentityResult> ChangeTo(string next)
        {
            var result = await change.ChangeAsync(user, current, next);
            current = result.Succeeded ? next : current;
            return result;
        }

        foreach (var password in new[] { "Alpha#Pass2026", "Bravo#Pass2026", "Charlie#Pass2026", "Delta#Pass2026" })
        {
            Assert.True((await ChangeTo(password)).Succeeded);
        }
        var refused = await ChangeTo("Alpha#Pass2026");
        Assert.Equal("不能使用最近 5 次用过的密码。", Assert.Single(refused.Errors).Description);

        Assert.True((await ChangeTo("Echo#Pass2026")).Succeeded);
        // Alpha is now the fifth most recent password: still refused.
        Assert.False((await ChangeTo("Alpha#Pass2026")).Succeeded);
        Assert.True((await ChangeTo("Foxtrot#Pass2026")).Succeeded);
        // Alpha is now the sixth oldest: out of the history, so it may be chosen again.
        Assert.True((await ChangeTo("Alpha#Pass2026")).Succeeded);
        Assert.Equal("Alpha#Pass2026", current);
    }

    [Theory]
    [InlineData("Password123")]
    [InlineData("Qwerty123456")]
    [InlineData("Demo@2024")]
    // Only in Mozilla's list of breached passwords, not in our own.
    [InlineData("Football123")]
    [InlineData("Iloveyou123")]
    [InlineData("Qazwsxedc123")]
    [InlineData("Password12345")]
    [InlineData("1234Qwerasdf")]
    public async Task CommonOrBreachedPasswords_AreRefused_WithTheChineseMessage(string password)
    {
        var result = await ValidateAsync(password);
        Assert.Equal(CommonMessage, Assert.Single(result.Errors).Description);
    }

    [Fact]
    public async Task TheList_HoldsOverAThousandPasswords_AndLetsAnUncommonOneThrough()
    {
        Assert.True(PasswordPolicy.Common.Value.Count >= 1000, $"只有 {PasswordPolicy.Common.Value.Count} 个常见密码");
        Assert.Contains("Demo@2024", PasswordPolicy.Common.Value);
        Assert.True((await ValidateAsync("Hebei#Lingpao7x")).Succeeded);
    }

    private async Task<IdentityResult> ValidateAsync(string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var policy = users.PasswordValidators.OfType<PasswordPolicy>().Single();
        return await policy.ValidateAsync(users, (await users.FindByNameAsync("county.130204"))!, password);
    }
}

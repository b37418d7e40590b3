using System.Net;
using System.Net.Http.Json;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

/// <summary>Sign-in answers that reveal nothing, back-off an attacker cannot turn against the user, and an audit of every attempt.</summary>
public class LoginHardeningTests(ClientAddressFactory factory) : IClassFixture<ClientAddressFactory>
{
    private static Task<HttpResponseMessage> TryAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    [Fact]
    public async Task UnknownUser_WrongPassword_Locked_Disabled_AllGetTheSameAnswer()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("county.130108"))!, DateTimeOffset.MaxValue);
            var disabled = (await users.FindByNameAsync("county.130109"))!;
            disabled.DisabledAt = DateTimeOffset.UtcNow;
            await users.UpdateAsync(disabled);
        }
        var answers = new List<(HttpStatusCode, string)>();
        var client = factory.ClientFrom("10.0.0.1");
        foreach (var (user, password) in new[]
        {
            ("nobody.here", "Wrong@12345"), ("county.130107", "Wrong@12345"),
            ("county.130108", LeadRunnerFactory.Password), ("county.130109", LeadRunnerFactory.Password),
        })
        {
            var response = await TryAsync(client, user, password);
            // The trace id differs per request by design; everything else must be identical.
            var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            problem.Remove("traceId");
            answers.Add((response.StatusCode, problem.ToJsonString()));
        }
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Item1));
        Assert.Single(answers.Select(a => a.Item2).Distinct());
        Assert.Contains("用户名或密码不正确", System.Text.Json.Nodes.JsonNode.Parse(answers[0].Item2)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_BackOffThatClientOnly_AndDouble()
    {
        var attacker = factory.ClientFrom("10.0.0.66");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(attacker, "county.130110", "Wrong@12345")).StatusCode);
        }
        var blocked = await TryAsync(attacker, "county.130110", LeadRunnerFactory.Password);
        Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
        Assert.Equal(60, (int)blocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, tolerance: 1);
        Assert.Contains("秒后再试", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The real user, from their own client, is not locked out by the attacker.
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(factory.ClientFrom("10.0.0.7"), "county.130110", LeadRunnerFactory.Password)).StatusCode);

        // Back-off doubles with each failure past the allowance: the sixth failure means two minutes.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var throttle = await db.LoginThrottles.SingleAsync(t => t.Key == "COUNTY.130110|10.0.0.66");
        throttle.BlockedUntil = null;
        await db.SaveChangesAsync();
        await TryAsync(attacker, "county.130110", "Wrong@12345");
        await db.Entry(throttle).ReloadAsync();
        Assert.Equal(6, throttle.Failures);
        Assert.Equal(120, (throttle.BlockedUntil!.Value - throttle.LastFailureAt).TotalSeconds, precision: 0);
    }

    [Fact]
    public async Task BackOff_IsAudited_AsLoginRestricted_WithTheClientAndTheWait()
    {
        var attacker = factory.ClientFrom("10.0.0.99");
        for (var i = 0; i < 5; i++)
        {
            await TryAsync(attacker, "county.130172", "Wrong@12345");
        }
        Assert.Equal((HttpStatusCode)429, (await TryAsync(attacker, "county.130172", LeadRunnerFactory.Password)).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries
            .Where(a => a.UserName == "county.130172").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([.. Enumerable.Repeat("登录失败", 5), "登录受限"], entries.Select(e => e.Action));
        var restricted = entries[^1];
        Assert.Equal(LeadRunner.Audit.AuditKinds.Login, restricted.Kind);
        Assert.Equal("county.130172（来自 10.0.0.99）", restricted.Subject);
        Assert.StartsWith("失败 5 次，退避至 ", restricted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_BackOff_SaysWhenToRetry()
    {
        var client = factory.ClientFrom("10.0.0.77");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await SignIns.PostLoginAsync(client, "county.130111", "Wrong@12345");
        }
        Assert.Equal((HttpStatusCode)429, last.StatusCode);
        Assert.Contains("秒后再试", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAttempt_IsAudited_WithTheAccountTriedAndTheClient()
    {
        var client = factory.ClientFrom("10.0.0.88");
        await TryAsync(client, "county.130121", "Wrong@12345");
        await TryAsync(client, "county.130121", LeadRunnerFactory.Password);

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries
            .Where(a => a.UserName == "county.130121").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["登录失败", "登录成功"], entries.Select(e => e.Action));
        Assert.Contains("10.0.0.88", entries[0].Subject, StringComparison.Ordinal);
        Assert.Equal("密码错误", entries[0].Reason);
    }
}

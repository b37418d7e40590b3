using System.Net;
using System.Net.Http.Json;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Accounts;

/// <summary>A production installation's first administrator comes from the command line, with a one-time password.</summary>
public class AdminCreateCommandTests
{
    [Fact]
    public async Task AdminCreate_OnAProductionDatabase_PrintsAOneTimePassword_ThatMustBeChanged()
    {
        var database = LeadRunnerFactory.NewDatabasePath();
        string[] options = [.. LeadRunnerFactory.DatabaseOptions(database), "--environment=Production", "--Workflow:TimersEnabled=false"];
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["admin", "create", "sec.first", "--role", "secadmin", .. options], output, error));
        var password = output.ToString().Split('\n').Single(l => l.StartsWith("一次性密码：", StringComparison.Ordinal))["一次性密码：".Length..].Trim();
        Assert.Contains("安全管理员账号 sec.first", output.ToString(), StringComparison.Ordinal);

        var duplicate = new StringWriter();
        Assert.Equal(1, await CommandLine.RunAsync(["admin", "create", "sec.first", .. options], new StringWriter(), duplicate));
        Assert.Contains("已被使用", duplicate.ToString(), StringComparison.Ordinal);
        var wrongRole = new StringWriter();
        Assert.Equal(2, await CommandLine.RunAsync(["admin", "create", "x.y", "--role", "province", .. options], new StringWriter(), wrongRole));
        Assert.Contains("用法", wrongRole.ToString(), StringComparison.Ordinal);

        using var factory = new LeadRunnerFactory(database, deleteOnDispose: true);
        var tokens = await SignIns.TokensAsync(factory.AnonymousClient(), "sec.first", password);
        var api = SignIns.WithToken(factory, tokens.AccessToken);
        var blocked = await api.GetAsync("/api/accounts");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("请先修改初始密码", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = password, newPassword = "Security#Office26" })).StatusCode);
        var fresh = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), "sec.first", "Security#Office26")).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/accounts")).StatusCode);
    }
}

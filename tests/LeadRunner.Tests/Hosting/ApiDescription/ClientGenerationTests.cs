using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Hosting.ApiDescription;

/// <summary>
/// What CI checks of the API as a product: the served description passes Redocly's recommended rules
/// (clients/typescript/redocly.yaml), and a TypeScript client generated from it compiles with src/smoke.ts and
/// runs against the app. SQLite only: the description and the client do not depend on the database, and a second
/// run on PostgreSQL would only repeat the slow node steps.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class ClientGenerationTests(ServedDescription served) : IClassFixture<ServedDescription>
{
    [Fact]
    public async Task Description_PassesRedoclyRecommendedRules_WithoutErrors()
    {
        var file = Path.Combine(Path.GetTempPath(), $"leadrunner-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, served.Json);
        try
        {
            var lint = await ServedDescription.RunAsync("npx", ["--no-install", "redocly", "lint", file, "--format=json", "--max-problems=100000"]);
            var json = lint.StandardOutput;
            var start = json.IndexOf('{', StringComparison.Ordinal);
            Assert.True(start >= 0, $"redocly lint 没有输出 JSON（退出码 {lint.ExitCode}）：{lint.Output}");
            var report = JsonNode.Parse(json[start..])!;
            var errors = report["problems"]!.AsArray()
                .Where(p => (string?)p!["severity"] == "error")
                .Select(p => $"{p!["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}")
                .ToList();
            Assert.True(errors.Count == 0, $"Redocly 报告 {errors.Count} 个错误：\n{string.Join('\n', errors)}");
            Assert.Equal(0, lint.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task GeneratedClient_TypeChecksAndRunsThreeRoutes()
    {
        // Written where the .gitignore expects them, so a developer can look at what the check generated. The generator
        // validates with generate.redocly.yaml (minimal rules): lint errors are the other test's to report.
        await File.WriteAllTextAsync(Path.Combine(ServedDescription.ClientFolder, "openapi.json"), served.Json);

        var generate = await ServedDescription.RunAsync("npx", ["--no-install", "openapi-typescript", "openapi.json", "-o", "src/schema.d.ts", "--redocly", "generate.redocly.yaml"]);
        Assert.True(generate.ExitCode == 0, $"openapi-typescript 失败（退出码 {generate.ExitCode}）：\n{generate.Output}");

        var check = await ServedDescription.RunAsync("npx", ["--no-install", "tsc", "--noEmit"]);
        Assert.True(check.ExitCode == 0, $"tsc --noEmit 失败：\n{check.Output}");

        var build = await ServedDescription.RunAsync("npx", ["--no-install", "tsc"]);
        Assert.True(build.ExitCode == 0, $"tsc 编译失败：\n{build.Output}");

        var smoke = await ServedDescription.RunAsync("node", ["dist/smoke.js"], new Dictionary<string, string>
        {
            ["LEADRUNNER_URL"] = served.Address,
            ["LEADRUNNER_USER"] = "province",
            ["LEADRUNNER_PASSWORD"] = LeadRunnerFactory.Password,
        });
        Assert.True(smoke.ExitCode == 0, $"smoke.ts 失败（退出码 {smoke.ExitCode}）：\n{smoke.Output}");
        Assert.Contains("通过", smoke.Output, StringComparison.Ordinal);
    }
}

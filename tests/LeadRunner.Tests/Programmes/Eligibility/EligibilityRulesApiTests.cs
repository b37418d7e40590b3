using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadRunner.Tests.Programmes.Eligibility.EligibilityCheckApiTests;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>Administrators' rules: list, save as a new version (logged), refuse syntax errors with line and column, try unsaved edits.</summary>
public class EligibilityRulesApiTests
{
    /// <summary>A draft 2025 round, which follows the newest rules; the open 2024 round keeps the rule set it pinned.</summary>
    private static async Task<JsonObject> In2025Async(HttpClient admin)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/rounds/2024/copy-to/2025", null)).StatusCode);
        var body = Body();
        body["year"] = 2025;
        return body;
    }

    private static async Task<JsonElement> RuleAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/eligibility/rules")).EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Rules_AreForAdministratorsOnly_AndSeededInTheGuidelinesOrder()
    {
        using var factory = new LeadRunnerFactory();
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/api/eligibility/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).GetAsync("/api/eligibility/rules")).StatusCode);
        var rules = await (await factory.ClientFor("admin")).GetFromJsonAsync<JsonElement>("/api/eligibility/rules");
        Assert.Equal(15, rules.GetArrayLength());
        Assert.Equal(["poolEntry", "basic", "special"], rules.EnumerateArray().Select(r => r.GetProperty("group").GetString()).Distinct());
        Assert.Equal(6, rules.EnumerateArray().Count(r => r.GetProperty("category").ValueKind == JsonValueKind.String));
    }

    [Fact]
    public async Task Save_SyntaxError_Returns400WithLineAndColumn_AndChangesNothing()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var before = await RuleAsync(admin, "rd-ratio");
        var response = await admin.PutAsJsonAsync("/api/eligibility/rules/rd-ratio", new { expression = "ratio = app.rdExpense * 100 / app.revenue\nratio >= (settings.rdThreshold" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = problem.GetProperty("locations")[0];
        Assert.Equal(("expression", 2), (error.GetProperty("path").GetString(), error.GetProperty("line").GetInt32()));
        Assert.True(error.GetProperty("column").GetInt32() > 0);
        Assert.Contains("语法错误", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(error.GetProperty("message").GetString(), problem.GetProperty("errors").GetProperty("expression")[0].GetString());

        var badTemplate = await admin.PutAsJsonAsync("/api/eligibility/rules/rd-ratio", new { explanation = "占比 {{ if ratio > }}高{{ end }}" });
        Assert.Equal("explanation", (await badTemplate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locations")[0].GetProperty("path").GetString());
        Assert.Equal(before.ToString(), (await RuleAsync(admin, "rd-ratio")).ToString());
        Assert.Single(await admin.GetFromJsonAsync<JsonElement[]>("/api/eligibility/rules/rd-ratio/versions") ?? []);
    }

    [Fact]
    public async Task Save_Valid_IsANewVersion_Logged_AndChecksFollowIt()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var in2025 = await In2025Async(admin);
        var saved = await admin.PutAsJsonAsync("/api/eligibility/rules/partners", new
        {
            expression = "count = 0\nfor partner in app.partners\n  if partner.inCluster\n    count = count + 1\n  end\nend\ncount >= settings.minPartners + 1",
            note = "试行：合作企业多一家",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var result = await CheckAsync(admin, in2025);
        Assert.Equal("fail", Rule(result, "partners").GetProperty("result").GetString());
        Assert.False(result.GetProperty("eligible").GetBoolean());
        // The open 2024 round runs on the rule set it pinned when it opened.
        var in2024 = await CheckAsync(factory.AnonymousClient(), Body());
        Assert.Equal("pass", Rule(in2024, "partners").GetProperty("result").GetString());
        Assert.True(result.GetProperty("rulesVersion").GetInt32() > in2024.GetProperty("rulesVersion").GetInt32());

        var versions = (await admin.GetFromJsonAsync<JsonElement[]>("/api/eligibility/rules/partners/versions"))!;
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(("admin", "试行：合作企业多一家"), (versions[0].GetProperty("by").GetString(), versions[0].GetProperty("note").GetString()));
        Assert.Contains("minPartners + 1", versions[0].GetProperty("json").GetString(), StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.SingleAsync(a => a.Action == "修改认定条件");
        Assert.Equal(("admin", "试行：合作企业多一家"), (audit.UserName, audit.Reason));
        Assert.Contains("第 2 版", audit.Subject, StringComparison.Ordinal);

        // The same content again is no new version.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/eligibility/rules/partners", new { })).StatusCode);
        Assert.Equal(2, (await RuleAsync(admin, "partners")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task RuleThatErrorsOnTheSamples_IsRefusedWithTheSampleNamed_AndTheLiveRuleKeepsServing()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var in2025 = await In2025Async(admin);
        var before = Rule(await CheckAsync(admin, in2025), "rd-ratio").GetProperty("result").GetString();

        var refused = await admin.PutAsJsonAsync("/api/eligibility/rules/rd-ratio", new { expression = "for i in 1..100000000\nend\ntrue" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("样例申报", text, StringComparison.Ordinal);
        Assert.Contains("超过循环上限", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LoopLimit", text, StringComparison.Ordinal);

        // An expression that fails only on some data (no R&D expense to divide by) is refused just the same.
        var divides = await admin.PutAsJsonAsync("/api/eligibility/rules/rd-ratio", new { expression = "ratio = app.revenue / app.rdExpense\ntraditional = false\nthreshold = 30\nratio < 30" });
        Assert.Equal(HttpStatusCode.BadRequest, divides.StatusCode);
        var dividesText = await divides.Content.ReadAsStringAsync();
        Assert.True(dividesText.Contains("除数为零", StringComparison.Ordinal), dividesText);

        var rd = Rule(await CheckAsync(admin, in2025), "rd-ratio");
        Assert.Equal(before, rd.GetProperty("result").GetString());
        Assert.NotEqual("error", rd.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Save_Refusals_ForNonAdminsUnknownGroupsAndCategories()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).PutAsJsonAsync("/api/eligibility/rules/rd-ratio", new { title = "x" })).StatusCode);
        var bad = await admin.PutAsJsonAsync("/api/eligibility/rules/open-cooperation", new { title = "开放合作", group = "special", category = "开放合作", expression = "true", explanation = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("专项条件应指明类别", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var in2025 = await In2025Async(admin);
        var created = await admin.PutAsJsonAsync("/api/eligibility/rules/export-leader", new { title = "出口额居集群前列", group = "basic", expression = "true", explanation = "由审核人员判断", judgement = true, sortOrder = 15 });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("judgement", Rule(await CheckAsync(admin, in2025), "export-leader").GetProperty("result").GetString());
        Assert.DoesNotContain((await CheckAsync(factory.AnonymousClient(), Body())).GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "export-leader");
    }

    [Fact]
    public async Task Try_UnsavedEdit_AnswersOnSampleData_WithoutSaving()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var body = new JsonObject
        {
            ["year"] = 2024,
            ["application"] = Body(),
            ["expression"] = "ratio = app.rdExpense * 100 / app.revenue\nratio >= 4",
            ["explanation"] = "占比 {{ ratio | math.format '0.00' }}%，{{ verdict }}",
        };
        var tried = await admin.PostAsJsonAsync("/api/eligibility/rules/rd-ratio/try", body);
        Assert.Equal(HttpStatusCode.OK, tried.StatusCode);
        var answer = await tried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("fail", "占比 3.20%，不符合", 1), (answer.GetProperty("result").GetString(), answer.GetProperty("explanation").GetString(), answer.GetProperty("settingsVersion").GetInt32()));
        Assert.Equal(1, (await RuleAsync(admin, "rd-ratio")).GetProperty("version").GetInt32());

        body["expression"] = "ratio >=";
        var syntax = await admin.PostAsJsonAsync("/api/eligibility/rules/rd-ratio/try", body);
        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.Equal("expression", (await syntax.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locations")[0].GetProperty("path").GetString());

        var saved = await admin.PostAsJsonAsync("/api/eligibility/rules/rd-ratio/try", new JsonObject { ["application"] = Body() });
        Assert.Equal("pass", (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        var noRevenue = Body();
        noRevenue.Remove("revenue");
        var invalid = await admin.PostAsJsonAsync("/api/eligibility/rules/rd-ratio/try", new JsonObject { ["application"] = noRevenue });
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("application.revenue", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/eligibility/rules/nope/try", new JsonObject { ["application"] = Body() })).StatusCode);
    }

    [Fact]
    public async Task ChangedYearSettings_TheCheckFollows_AndNamesTheVersion()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        var settings = (await admin.GetFromJsonAsync<JsonObject>("/api/programmes/2025"))!;
        settings["rdThreshold"] = 4.0m;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/programmes/2025", settings)).StatusCode);

        var software = Body();
        software["industry"] = "电子信息";
        software["rdExpense"] = 456; // 3.80 % of 12,000 万元
        var in2024 = await CheckAsync(factory.AnonymousClient(), software);
        Assert.Equal("pass", Rule(in2024, "rd-ratio").GetProperty("result").GetString());
        software["year"] = 2025;
        var hidden = await factory.AnonymousClient().PostAsJsonAsync("/api/eligibility/check", software);
        Assert.Equal(HttpStatusCode.BadRequest, hidden.StatusCode);
        Assert.Contains("尚未公开", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var in2025 = await CheckAsync(admin, software);
        Assert.Equal(("fail", "研发投入占比 3.80%，电子信息不属传统行业，门槛 4.00%，不符合"),
            (Rule(in2025, "rd-ratio").GetProperty("result").GetString(), Rule(in2025, "rd-ratio").GetProperty("explanation").GetString()));
        Assert.Equal(2, in2025.GetProperty("settingsVersion").GetInt32());
    }
}

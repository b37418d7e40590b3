using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Data;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>The rules page adds, disables, enables and reorders rules with plain forms; each change is a version and an audit entry.</summary>
public class RulesPageTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string? handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(await client.GetStringAsync(page));
        var url = handler is null ? page : $"{page}{(page.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}";
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task<List<JsonElement>> RulesAsync(HttpClient admin) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>("/api/eligibility/rules")).EnumerateArray()];

    private static async Task<int> AuditCountAsync(LeadRunnerFactory factory, string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.CountAsync(a => a.Action == action && a.UserName == "admin");
    }

    [Fact]
    public async Task NewRule_IsAddedAtTheEndOfItsGroup_AndATakenIdOrBrokenExpressionIsRefused()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var fields = new Dictionary<string, string>
        {
            ["Id"] = "export-share", ["Title"] = "出口占比不低于 10%", ["Group"] = "basic", ["Expression"] = "true", ["Explanation"] = "{{ verdict }}", ["Note"] = "试行",
        };
        var created = await PostAsync(admin, "/admin/eligibility/new", null, fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin/eligibility?id=export-share", created.Headers.Location!.OriginalString);
        var basic = (await RulesAsync(admin)).Where(r => r.GetProperty("group").GetString() == "basic").ToList();
        Assert.Equal(("export-share", 15, 1), (basic[^1].GetProperty("id").GetString(), basic[^1].GetProperty("sortOrder").GetInt32(), basic[^1].GetProperty("version").GetInt32()));
        Assert.Equal(1, await AuditCountAsync(factory, "新增认定条件"));
        Assert.Contains("出口占比不低于 10%", await admin.GetStringAsync("/admin/eligibility?id=export-share"), StringComparison.Ordinal);

        var taken = await PostAsync(admin, "/admin/eligibility/new", null, fields);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("条件编号“export-share”已被使用", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        fields["Id"] = "broken-rule";
        fields["Expression"] = "app.revenue >= (1";
        var broken = await PostAsync(admin, "/admin/eligibility/new", null, fields);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("条件表达式第 1 行", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(16, (await RulesAsync(admin)).Count);
    }

    [Fact]
    public async Task DisabledRule_IsShownAsSuch_AndSkippedByChecks_UntilEnabledAgain()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        // Rule changes reach the draft 2025 round; the open 2024 round keeps the rule set it pinned.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/rounds/2024/copy-to/2025", null)).StatusCode);
        var page = await PostAsync(admin, "/admin/eligibility?id=rd-ratio", "Toggle", new() { ["ruleId"] = "partners", ["enable"] = "false" });
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("已停用“", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge text-bg-secondary\">已停用</span>", html, StringComparison.Ordinal);
        Assert.Contains("编辑：rd-ratio", html, StringComparison.Ordinal); // the rule being edited stays selected

        var check = new { year = 2025, industry = "纺织", inCultivationPool = true, revenue = 100_000_000, rdExpense = 4_000_000,
            specialConditions = new[] { new { category = "科技创新", items = new[] { "省级及以上企业技术中心" } } } };
        var skipped = await (await admin.PostAsJsonAsync("/api/eligibility/check", check)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(skipped.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "partners");
        Assert.True(skipped.GetProperty("eligible").GetBoolean()); // no partners, but that condition is off
        var in2024 = await (await factory.AnonymousClient().PostAsJsonAsync("/api/eligibility/check", check with { year = 2024 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(in2024.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "partners");

        await PostAsync(admin, "/admin/eligibility", "Toggle", new() { ["ruleId"] = "partners", ["enable"] = "true" });
        var again = await (await admin.PostAsJsonAsync("/api/eligibility/check", check)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(again.GetProperty("eligible").GetBoolean());
        var versions = await admin.GetFromJsonAsync<JsonElement[]>("/api/eligibility/rules/partners/versions");
        Assert.Equal(3, versions!.Length);
        Assert.Equal((1, 1), (await AuditCountAsync(factory, "停用认定条件"), await AuditCountAsync(factory, "启用认定条件")));
    }

    [Fact]
    public async Task MovingARule_SwapsItWithItsNeighbour_InOneLoggedChange_AndStopsAtTheEnds()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        static IEnumerable<string?> Basic(List<JsonElement> rules) => rules.Where(r => r.GetProperty("group").GetString() == "basic").Select(r => r.GetProperty("id").GetString());
        Assert.Equal(["in-pool", "cluster-rank", "rd-ratio", "partners"], Basic(await RulesAsync(admin)));

        var moved = await PostAsync(admin, "/admin/eligibility", "Move", new() { ["ruleId"] = "partners", ["up"] = "true" });
        Assert.Contains("已上移", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rules = await RulesAsync(admin);
        Assert.Equal(["in-pool", "cluster-rank", "partners", "rd-ratio"], Basic(rules));
        Assert.Equal((13, 2), (rules.Single(r => r.GetProperty("id").GetString() == "partners").GetProperty("sortOrder").GetInt32(),
            rules.Single(r => r.GetProperty("id").GetString() == "partners").GetProperty("version").GetInt32()));
        Assert.Equal(2, await AuditCountAsync(factory, "调整认定条件顺序"));

        var top = await PostAsync(admin, "/admin/eligibility", "Move", new() { ["ruleId"] = "in-pool", ["up"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, top.StatusCode);
        Assert.Contains("已排在本组最前", await top.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await AuditCountAsync(factory, "调整认定条件顺序"));
    }
}

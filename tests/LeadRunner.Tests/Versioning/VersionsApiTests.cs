using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Versioning;

/// <summary>
/// Every kind of artifact — settings, template, rule, form, workflow — has the same history, comparison, export,
/// rollback and audit through one store and one API; a kind only adds its own checks.
/// </summary>
public class VersionsApiTests
{
    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Settings_HistoryDiffRollback_ThroughTheSharedApi_KeepTheYearsCurrentCopyInStep()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["publicityWorkingDays"] = 7;
        (await admin.PutAsync("/api/programmes/2024?note=公示延长", Json(settings))).EnsureSuccessStatusCode();

        var history = (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/settings/2024"))!;
        Assert.Equal([2, 1], history.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(("公示延长", true, "admin"), (history[0].GetProperty("note").GetString(), history[0].GetProperty("current").GetBoolean(), history[0].GetProperty("publishedBy").GetString()));

        var changes = (await admin.GetFromJsonAsync<VersionChange[]>("/api/versions/settings/2024/diff?from=1&to=2"))!;
        var change = Assert.Single(changes);
        Assert.Equal(new VersionChange("修改", "$.publicityWorkingDays", "5", "7"), change);

        // Rollback publishes version 1's content again as version 3; the year's settings follow.
        var rolledBack = await admin.PostAsJsonAsync("/api/versions/settings/2024/1/rollback", new { note = "恢复" });
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(3, (await rolledBack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(5, JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!["publicityWorkingDays"]!.GetValue<int>());
        Assert.Equal("回滚到第 1 版：恢复", (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/settings/2024"))![0].GetProperty("note").GetString());

        // Rolling back to what is already current is refused, and changes nothing.
        var again = await admin.PostAsJsonAsync("/api/versions/settings/2024/3/rollback", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // A conflict with nothing to point at has the same body as one that lists entries in use, with both lists empty.
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        var conflict = (await again.Content.ReadFromJsonAsync<ArtifactProblem>())!;
        Assert.Equal((409, "冲突"), (conflict.Status, conflict.Title));
        Assert.Contains("已是当前版本", conflict.Detail, StringComparison.Ordinal);
        Assert.Empty(conflict.Locations);
        Assert.Empty(conflict.Errors);
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/settings/2024"))!.Length);

        // The same content again makes no new version.
        (await admin.PutAsync("/api/programmes/2024", Json(JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!))).EnsureSuccessStatusCode();
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/settings/2024"))!.Length);
    }

    [Fact]
    public async Task Template_LineDiff_Export_AndAStaleBaseIsRefused()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var current = (await admin.GetFromJsonAsync<JsonElement>("/api/templates/annex-05"))!;
        var text = current.GetProperty("text").GetString()!;
        var version = current.GetProperty("template").GetProperty("version").GetInt32();
        var edited = text.Replace("<p class=\"annex-label\">附件 5</p>", "<p class=\"annex-label\">附件 5（修订）</p>", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        (await admin.PutAsJsonAsync("/api/templates/annex-05", new { text = edited, note = "标题修订", baseVersion = version })).EnsureSuccessStatusCode();

        var changes = (await admin.GetFromJsonAsync<VersionChange[]>($"/api/versions/template/annex-05/diff?from={version}&to={version + 1}"))!;
        var change = Assert.Single(changes);
        Assert.Equal("修改", change.Change);
        Assert.StartsWith("第 ", change.Path, StringComparison.Ordinal);
        Assert.Contains("附件 5（修订）", change.After, StringComparison.Ordinal);
        Assert.DoesNotContain("附件 5（修订）", change.Before, StringComparison.Ordinal);

        var file = await admin.GetAsync($"/api/versions/template/annex-05/{version + 1}/export");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal($"annex-05.v{version + 1}.sbn-html", file.Content.Headers.ContentDisposition!.FileNameStar ?? file.Content.Headers.ContentDisposition.FileName);
        Assert.Contains("附件 5（修订）", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Someone saved since the editor opened version N: the save from N is refused and nothing is written.
        var stale = await admin.PutAsJsonAsync("/api/templates/annex-05", new { text = text + "\n<p>再改</p>", baseVersion = version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(version + 1, (await admin.GetFromJsonAsync<JsonElement>("/api/templates/annex-05")).GetProperty("template").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rule_Rollback_RestoresTheRule_AndIsAudited()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        (await admin.PutAsJsonAsync("/api/eligibility/rules/partners", new { title = "合作企业（试行）", note = "试行" })).EnsureSuccessStatusCode();
        var diff = (await admin.GetFromJsonAsync<VersionChange[]>("/api/versions/rule/partners/diff?from=1&to=2"))!;
        Assert.Equal("$.title", Assert.Single(diff).Path);

        // The same expression with a browser's CRLF line endings is not a change.
        var expression = JsonNode.Parse(await admin.GetStringAsync("/api/versions/rule/partners/2"))!["expression"]!.GetValue<string>();
        Assert.Contains('\n', expression);
        (await admin.PutAsJsonAsync("/api/eligibility/rules/partners", new { expression = expression.ReplaceLineEndings("\r\n") })).EnsureSuccessStatusCode();
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/rule/partners"))!.Length);

        (await admin.PostAsJsonAsync("/api/versions/rule/partners/1/rollback", new { note = "试行结束" })).EnsureSuccessStatusCode();
        var rule = (await admin.GetFromJsonAsync<JsonElement[]>("/api/eligibility/rules"))!.Single(r => r.GetProperty("id").GetString() == "partners");
        Assert.Equal(3, rule.GetProperty("version").GetInt32());
        Assert.NotEqual("合作企业（试行）", rule.GetProperty("title").GetString());

        await using var scope = factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.SingleAsync(a => a.Action == "回滚认定条件");
        Assert.Equal("回滚到第 1 版：试行结束", audit.Reason);
        Assert.Contains("第 3 版", audit.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workflow_RetractThroughTheSharedApi_StopsNewStartsOnThatVersion()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var history = (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/workflow/pool-entry"))!;
        var current = history.First(v => v.GetProperty("current").GetBoolean()).GetProperty("version").GetInt32();

        var retracted = await admin.PostAsJsonAsync($"/api/versions/workflow/pool-entry/{current}/retract", new { note = "有误" });
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal("retracted", (await retracted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var after = (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/workflow/pool-entry"))!;
        Assert.DoesNotContain(after, v => v.GetProperty("current").GetBoolean());

        var file = await admin.GetAsync($"/api/versions/workflow/pool-entry/{current}/export");
        Assert.Equal($"pool-entry.v{current}.workflow.json", file.Content.Headers.ContentDisposition!.FileNameStar ?? file.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task Form_SharedHistoryShowsTheDraft_AndDiffNamesTheField()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var schema = JsonNode.Parse(await admin.GetStringAsync("/api/forms/county-review/design"))!;
        schema["components"]!.AsArray().Insert(0, JsonNode.Parse("""{ "type": "textfield", "key": "contact", "label": "联系人", "input": true }"""));
        (await admin.PutAsync("/api/forms/county-review/design", Json(schema))).EnsureSuccessStatusCode();

        var history = (await admin.GetFromJsonAsync<JsonElement[]>("/api/versions/form/county-review"))!;
        Assert.Equal("draft", history[0].GetProperty("state").GetString());
        var published = await admin.PostAsJsonAsync("/api/forms/county-review/publish", new { note = "增加联系人" });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var number = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        var changes = (await admin.GetFromJsonAsync<VersionChange[]>($"/api/versions/form/county-review/diff?from={number - 1}&to={number}"))!;
        Assert.Contains(changes, c => c.Change == "新增" && c.Path.Contains("联系人", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownKindsAndVersions_AreRefusedInChinese_AndOnlyAdministratorsSeeHistory()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var unknown = await admin.GetAsync("/api/versions/recipe/cake");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("可选：workflow、form、template、settings、rule", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var missing = await admin.GetAsync("/api/versions/settings/2024/99");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("没有第 99 版", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/versions/rule/partners/diff?from=1&to=9")).StatusCode);

        var county = await factory.ClientFor("county.130534");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/api/versions/settings/2024")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync("/api/versions/rule/partners/1/rollback", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/api/versions/settings/2024")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Documents;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Documents;

/// <summary>Templates seeded from templates/, listed for staff, edited by administrators: invalid text never goes live; history and rollback.</summary>
public class TemplatesApiTests
{
    private static async Task<string> LiveText(HttpClient admin, string key) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/templates/{key}")).GetProperty("text").GetString()!;

    private static async Task RepinAsync(HttpClient admin, int version)
    {
        var response = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { templates = new Dictionary<string, int> { ["annex-08"] = version }, migrate = false });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_IsForStaff_WithKeyTitleAnnexAndVersionOfEverySeededTemplate()
    {
        using var factory = new LeadRunnerFactory();
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/api/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("ent.91130534MA0CQH1106")).GetAsync("/api/templates")).StatusCode);
        var county = await factory.ClientFor("county.130534");
        var list = await county.GetFromJsonAsync<JsonElement[]>("/api/templates");
        Assert.Equal(DocumentSamples.Keys.Order(StringComparer.Ordinal), list!.Select(t => t.GetProperty("key").GetString()!).Order(StringComparer.Ordinal));
        var annex1 = list!.Single(t => t.GetProperty("key").GetString() == "annex-01");
        Assert.Equal(1, annex1.GetProperty("annex").GetInt32());
        Assert.Equal(1, annex1.GetProperty("version").GetInt32());
        Assert.Contains("工作指南", annex1.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, list!.Single(t => t.GetProperty("key").GetString() == "notice").GetProperty("annex").ValueKind);
        // Editing is for administrators only.
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PutAsJsonAsync("/api/templates/annex-08", new { text = "<p>改</p>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/api/templates/annex-08")).StatusCode);
    }

    [Fact]
    public async Task Save_SyntaxError_Returns400WithLineAndColumn_AndTheLiveVersionKeepsServing()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var before = await LiveText(admin, "annex-08");
        var response = await admin.PutAsJsonAsync("/api/templates/annex-08", new { text = "<h1>证明</h1>\n<p>{{ if countyReview.opinion }}有意见</p>", note = "坏的" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locations")[0];
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 0);
        Assert.Contains("语法错误", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(before, await LiveText(admin, "annex-08"));
        Assert.Single(await admin.GetFromJsonAsync<JsonElement[]>("/api/templates/annex-08/versions") ?? []);
        var blank = await factory.AnonymousClient().GetStringAsync("/api/documents/annex/8/blank.html");
        Assert.Contains("县级工信部门有关情况证明", blank, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_RuntimeErrorOnSampleData_Returns400WithWhereItFailed_AndChangesNothing()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var before = await LiveText(admin, "annex-08");
        var response = await admin.PutAsJsonAsync("/api/templates/annex-08", new { text = "<h1>证明</h1>\n<p>{{ for i in 1..100000 }}{{ i }}{{ end }}</p>" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("当前版本继续使用", body.GetProperty("title").GetString(), StringComparison.Ordinal);
        var error = body.GetProperty("locations")[0];
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Contains("示例数据渲染失败", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await LiveText(admin, "annex-08"));
    }

    [Fact]
    public async Task Save_Valid_GoesLiveAsNewVersion_ThenRollbackRestoresTheOldText()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var anonymous = factory.AnonymousClient();
        var original = await LiveText(admin, "annex-08");
        var edited = original.Replace("特此证明。", "特此证明（试行文本）。", StringComparison.Ordinal);

        var preview = await admin.PostAsJsonAsync("/api/templates/annex-08/preview", new { text = edited });
        Assert.Contains("清河县恒嘉羊绒制品有限公司", (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("page").GetString(), StringComparison.Ordinal);
        Assert.Equal(original, await LiveText(admin, "annex-08"));

        var saved = await admin.PutAsJsonAsync("/api/templates/annex-08", new { text = edited, note = "试行文本", baseVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        // The open 2024 round keeps the text it pinned until an officer re-pins it.
        Assert.DoesNotContain("试行文本", await anonymous.GetStringAsync("/api/documents/annex/8/blank.html"), StringComparison.Ordinal);
        await RepinAsync(admin, 2);
        Assert.Contains("特此证明（试行文本）。", await anonymous.GetStringAsync("/api/documents/annex/8/blank.html"), StringComparison.Ordinal);

        var stale = await admin.PutAsJsonAsync("/api/templates/annex-08", new { text = original, baseVersion = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var rolledBack = await admin.PostAsJsonAsync("/api/templates/annex-08/versions/1/rollback", new { note = "恢复原文" });
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(original, await LiveText(admin, "annex-08"));
        await RepinAsync(admin, 3);
        Assert.DoesNotContain("试行文本", await anonymous.GetStringAsync("/api/documents/annex/8/blank.html"), StringComparison.Ordinal);

        var versions = await admin.GetFromJsonAsync<JsonElement[]>("/api/templates/annex-08/versions");
        Assert.Equal([3, 2, 1], versions!.Select(v => v.GetProperty("version").GetInt32()));
        Assert.True(versions![0].GetProperty("live").GetBoolean());
        Assert.Equal("admin", versions[0].GetProperty("by").GetString());
        Assert.Equal("回滚到第 1 版：恢复原文", versions[0].GetProperty("note").GetString());
        Assert.Equal(TemplateSeed.FileAuthor, versions[2].GetProperty("by").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/templates/annex-08/versions/9/rollback", new { note = "" })).StatusCode);
    }

    [Fact]
    public async Task EditorPages_AreForAdministrators_AndShowTextPreviewAndHistory()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var list = await admin.GetStringAsync("/admin/templates");
        Assert.Contains("/admin/templates/annex-04/edit", list, StringComparison.Ordinal);
        var edit = await admin.GetStringAsync("/admin/templates/annex-04/edit");
        Assert.Contains("企业申请报告", edit, StringComparison.Ordinal);
        Assert.Contains("id=\"template-text\"", edit, StringComparison.Ordinal);
        Assert.Contains("srcdoc=", edit, StringComparison.Ordinal);
        Assert.Contains("第 1 版", edit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/templates/nothing/edit")).StatusCode);
        var province = await factory.ClientFor("province");
        Assert.NotEqual(HttpStatusCode.OK, (await province.GetAsync("/admin/templates")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Forms;
using LeadRunner.Hosting;

namespace LeadRunner.Tests.Forms;

/// <summary>Designer operations through the API: draft, check, publish, history, diff, rollback, export, import.</summary>
public class FormVersionsApiTests(FormsFactory factory) : IClassFixture<FormsFactory>
{
    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonObject> DesignAsync(HttpClient admin, string key) => JsonNode.Parse(await admin.GetStringAsync($"/api/forms/{key}/design"))!.AsObject();

    [Fact]
    public async Task List_ShowsEverySeededFormAtVersion1_AdminOnly()
    {
        var admin = await factory.ClientFor("admin");
        var list = await admin.GetFromJsonAsync<FormsAdminApi.FormDto[]>("/api/forms");
        var shipped = Directory.EnumerateFiles(FormSeed.Folder(RepositoryLayout.FindRoot(AppContext.BaseDirectory)!), "*.form.json").Count();
        Assert.Equal(shipped, list!.Length); // every form file of workflows/forms, each at version 1
        var application = list.Single(f => f.Key == "application");
        Assert.Equal("河北省特色产业集群“领跑者”企业申请报告", application.Title);
        Assert.Equal("系统", application.Versions.Single().PublishedBy);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).GetAsync("/api/forms")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).PutAsync("/api/forms/objection/design", Json(new JsonObject()))).StatusCode);
    }

    [Fact]
    public async Task Publish_MakesNewImmutableVersion_WithWhoWhenWhy_DiffAndRollback()
    {
        var admin = await factory.ClientFor("admin");
        var design = await DesignAsync(admin, "city-recommendation");
        var panel = design["components"]![0]!["components"]!.AsArray();
        panel.Insert(1, JsonNode.Parse("""{ "type": "textfield", "key": "contactName", "label": "联系人", "input": true, "validate": { "required": true, "maxLength": 30 } }"""));
        design["title"] = "市级工信部门推荐意见（2025）";

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/forms/city-recommendation/design", Json(design))).StatusCode);
        var noNote = await admin.PostAsJsonAsync("/api/forms/city-recommendation/publish", new { note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        var published = await admin.PostAsJsonAsync("/api/forms/city-recommendation/publish", new { note = "增加联系人" });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var v2 = await published.Content.ReadFromJsonAsync<FormsAdminApi.VersionDto>();
        Assert.Equal((2, "admin", "增加联系人", (int?)1), (v2!.Version, v2.PublishedBy, v2.Note, v2.BasedOnVersion));

        // The open 2024 round keeps version 1 until re-pinned; then submissions follow version 2, and version 1 is unchanged.
        var city = await factory.ClientFor("city.130500");
        Assert.True((await (await city.PostAsJsonAsync("/api/forms/city-recommendation/validate", new { data = new { rank = 1, opinion = "同意" } }))
            .Content.ReadFromJsonAsync<FormsApi.ValidationResponse>())!.Valid);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/rounds/2024/pins",
            new { forms = new Dictionary<string, int> { ["city-recommendation"] = 2 }, migrate = false })).StatusCode);
        var refused = await city.PostAsJsonAsync("/api/forms/city-recommendation/validate", new { data = new { rank = 1, opinion = "同意" } });
        Assert.Equal("contactName", Assert.Single((await refused.Content.ReadFromJsonAsync<FormsApi.ValidationResponse>())!.Errors).Key);
        Assert.DoesNotContain("contactName", await admin.GetStringAsync("/api/forms/city-recommendation/versions/1"), StringComparison.Ordinal);

        var diff = await admin.GetFromJsonAsync<FormDiff.Change[]>("/api/forms/city-recommendation/diff?from=1&to=2");
        Assert.Contains(diff!, c => c.Kind == "added" && c.Path == "contactName" && c.Label == "联系人");
        Assert.Contains(diff!, c => c.Kind == "changed" && c.Path == "title");

        var rollback = await admin.PostAsJsonAsync("/api/forms/city-recommendation/versions/1/rollback", new { note = "联系人另行收集" });
        var v3 = await rollback.Content.ReadFromJsonAsync<FormsAdminApi.VersionDto>();
        Assert.Equal((3, (int?)1, "回滚到第 1 版：联系人另行收集"), (v3!.Version, v3.BasedOnVersion, v3.Note));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/rounds/2024/pins",
            new { forms = new Dictionary<string, int> { ["city-recommendation"] = 3 }, migrate = false })).StatusCode);
        var ok = await city.PostAsJsonAsync("/api/forms/city-recommendation/validate", new { data = new { rank = 1, opinion = "同意" } });
        Assert.True((await ok.Content.ReadFromJsonAsync<FormsApi.ValidationResponse>())!.Valid);
        Assert.Equal(3, JsonNode.Parse(await city.GetStringAsync("/api/forms/city-recommendation"))!["version"]!.GetValue<int>());

        var history = (await admin.GetFromJsonAsync<FormsAdminApi.FormDto[]>("/api/forms"))!.Single(f => f.Key == "city-recommendation");
        Assert.Equal([3, 2, 1], history.Versions.Select(v => v.Version ?? 0));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/forms/city-recommendation/versions/9/rollback", new { note = "x" })).StatusCode);
    }

    [Fact]
    public async Task SaveDesign_WithJavaScriptOrUnknownComponent_Returns400WithPath_AndKeepsNoDraft()
    {
        var admin = await factory.ClientFor("admin");
        var design = await DesignAsync(admin, "county-review");
        design["components"]![0]!["components"]![3]!["validate"]!["custom"] = "valid = input.length > 10;";
        design["components"]!.AsArray().Add(JsonNode.Parse("""{ "type": "signature", "key": "sign", "label": "签名" }"""));
        var response = await admin.PutAsync("/api/forms/county-review/design", Json(design));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("$.components[0].components[3].validate.custom", errors.Select(e => e.Key));
        Assert.Contains($"$.components[{design["components"]!.AsArray().Count - 1}].type", errors.Select(e => e.Key));
        Assert.False((await admin.GetFromJsonAsync<FormsAdminApi.FormDto[]>("/api/forms"))!.Single(f => f.Key == "county-review").HasDraft);

        var check = await (await admin.PostAsync("/api/forms/county-review/check", Json(design))).Content.ReadFromJsonAsync<FormsAdminApi.SchemaCheck>();
        Assert.False(check!.Valid);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/api/forms/county-review/design", new StringContent("{ not json", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Export_WritesTheFileFormat_ImportReadsItBackAsADraft()
    {
        var admin = await factory.ClientFor("admin");
        var export = await admin.GetAsync("/api/forms/objection/versions/1/export");
        Assert.Equal("objection.form.json", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var file = JsonNode.Parse(await export.Content.ReadAsStringAsync())!;
        var seed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FormSeed.Folder(LeadRunner.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)!), "objection.form.json")));
        Assert.True(JsonNode.DeepEquals(seed, file));

        file["title"] = "公示异议（修订）";
        using var form = new MultipartFormDataContent { { new StringContent(file.ToJsonString(), Encoding.UTF8, "application/json"), "file", "objection.form.json" } };
        var imported = await admin.PostAsync("/api/forms/import", form);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var draft = await imported.Content.ReadFromJsonAsync<FormsAdminApi.VersionDto>();
        Assert.Null(draft!.Version);
        Assert.Equal("公示异议（修订）", (await DesignAsync(admin, "objection"))["title"]!.GetValue<string>());
        // The import is a draft: the public still gets version 1 until it is published.
        Assert.Equal(1, JsonNode.Parse(await factory.AnonymousClient().GetStringAsync("/api/forms/objection"))!["version"]!.GetValue<int>());

        var bad = await admin.PostAsync("/api/forms/import", new StringContent("""{ "key": "x", "title": "y", "components": [ { "type": "textfield", "key": "a", "calculateValue": "value = 1" } ] }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("calculateValue", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuilderConfig_ExposesExactlyTheServersSupportedList()
    {
        var admin = await factory.ClientFor("admin");
        var config = await admin.GetFromJsonAsync<FormsAdminApi.BuilderConfig>("/api/forms/builder-config");
        Assert.Equal(SupportedComponents.Kinds.Keys.Order(StringComparer.Ordinal), config!.Components.Select(c => c.Type).Order(StringComparer.Ordinal));
    }
}

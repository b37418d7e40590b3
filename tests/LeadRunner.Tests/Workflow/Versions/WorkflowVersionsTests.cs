using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Versions;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Workflow.Versions;

/// <summary>Draft → publish → retract, rollback, pinning, the migration block, diff, export and import — through the API.</summary>
public class WorkflowVersionsTests
{
    private static async Task<JsonObject> CurrentAsync(HttpClient admin, string id = "recognition")
    {
        var list = await admin.GetFromJsonAsync<WorkflowsApi.DefinitionDto[]>("/api/workflows");
        var version = list!.Single(d => d.Id == id).CurrentVersion!.Value;
        return JsonNode.Parse(await admin.GetStringAsync($"/api/workflows/{id}/versions/{version}"))!.AsObject();
    }

    /// <summary>Inserts 专家评审 between the city and the province, as an officer would in the editor.</summary>
    private static JsonObject WithExpertReview(JsonObject definition)
    {
        var d = definition.DeepClone().AsObject();
        var steps = d["steps"]!.AsArray();
        var cityIndex = steps.Select((s, i) => (s, i)).Single(x => x.s!["id"]!.GetValue<string>() == "cityReview").i;
        steps.Insert(cityIndex + 1, JsonNode.Parse("""{ "id": "expertReview", "kind": "humanTask", "title": "专家评审", "assignee": { "role": "province", "scope": "province" } }"""));
        var recommend = d["transitions"]!.AsArray().Single(t => t!["from"]!.GetValue<string>() == "cityReview" && t["key"]!.GetValue<string>() == "recommend")!;
        recommend["to"] = "expertReview";
        d["transitions"]!.AsArray().Add(JsonNode.Parse("""{ "key": "pass", "label": "评审通过", "from": "expertReview", "to": "provinceReview" }"""));
        return d;
    }

    private static async Task<int> SaveDraftAsync(HttpClient admin, JsonObject definition, string id = "recognition")
    {
        var response = await admin.PostAsync($"/api/workflows/{id}/drafts", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WorkflowsApi.DraftSaved>())!.DraftId;
    }

    /// <summary>The open 2024 round runs on its pins: an officer re-pins it explicitly to take a new version for new cases.</summary>
    private static async Task RepinAsync(HttpClient admin, int version, string id = "recognition")
    {
        var response = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { workflows = new Dictionary<string, int> { [id] = version }, migrate = false });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient admin, int draftId, object? body = null, string id = "recognition") =>
        admin.PostAsJsonAsync($"/api/workflows/{id}/drafts/{draftId}/publish", body ?? new { note = "插入专家评审环节" });

    [Fact]
    public async Task Publish_MakesANewVersion_RunningInstancesStayOnTheirOwn()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var drive = new WorkflowDriver(factory);
        var old = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", old, "submit");
        await drive.CompleteOkAsync("county.130534", old, "approve");

        var draftId = await SaveDraftAsync(admin, WithExpertReview(await CurrentAsync(admin)));
        var published = await PublishAsync(admin, draftId);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(2, (await published.Content.ReadFromJsonAsync<WorkflowsApi.VersionDto>())!.Version);
        await RepinAsync(admin, 2);

        // The old case stays on version 1 and skips the new step; a new case runs on version 2 through it.
        await drive.CompleteOkAsync("city.130500", old, "recommend", data: new { rank = 1 });
        var oldState = await drive.InstanceAsync(old);
        Assert.Equal(1, oldState.Version);
        Assert.Equal("provinceReview", oldState.CurrentStep);

        var fresh = await drive.StartRecognitionAsync(WorkflowDriver.XiongUscc);
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.XiongUscc}", fresh, "submit");
        await drive.CompleteOkAsync("county.130638", fresh, "approve");
        await drive.CompleteOkAsync("city.133100", fresh, "recommend", data: new { rank = 2 });
        var freshState = await drive.InstanceAsync(fresh);
        Assert.Equal(2, freshState.Version);
        Assert.Equal("expertReview", freshState.CurrentStep);

        var history = (await admin.GetFromJsonAsync<WorkflowsApi.DefinitionDto[]>("/api/workflows"))!.Single(d => d.Id == "recognition");
        var v2 = history.Versions.Single(v => v.Version == 2);
        Assert.Equal("admin", v2.PublishedBy);
        Assert.Equal("插入专家评审环节", v2.Note);
        Assert.Equal(1, v2.BasedOnVersion);

        var diff = await admin.GetFromJsonAsync<LeadRunner.Workflow.Definitions.DefinitionDiff.Change[]>("/api/workflows/recognition/diff?from=1&to=2");
        Assert.Contains(diff!, c => c.Kind == "added" && c.Item == "步骤" && c.Id == "expertReview");
        Assert.Contains(diff!, c => c.Kind == "changed" && c.Id == "cityReview.recommend");
        Assert.Contains("expertReview", await admin.GetStringAsync("/api/workflows/recognition/diagram"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_PublishesTheOldContentAsANewVersion_AndRetractFallsBack()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var v1 = await CurrentAsync(admin);
        await PublishAsync(admin, await SaveDraftAsync(admin, WithExpertReview(v1)));

        var rollback = await admin.PostAsJsonAsync("/api/workflows/recognition/versions/1/rollback", new { note = "专家评审推迟到明年" });
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        await RepinAsync(admin, 3);
        var v3 = await CurrentAsync(admin);
        Assert.Equal(3, v3["version"]!.GetValue<int>());
        Assert.DoesNotContain(v3["steps"]!.AsArray(), s => s!["id"]!.GetValue<string>() == "expertReview");

        var retract = await admin.PostAsJsonAsync("/api/workflows/recognition/versions/3/retract", new { note = "误操作" });
        Assert.Equal(HttpStatusCode.OK, retract.StatusCode);
        var current = (await admin.GetFromJsonAsync<WorkflowsApi.DefinitionDto[]>("/api/workflows"))!.Single(d => d.Id == "recognition");
        Assert.Equal(2, current.CurrentVersion);
        Assert.Equal("retracted", current.Versions.Single(v => v.Version == 3).State);
        Assert.Equal("误操作", current.Versions.Single(v => v.Version == 3).RetractNote);
        Assert.Contains("误操作", await admin.GetStringAsync("/admin/workflows"), StringComparison.Ordinal);
        var started = await new WorkflowDriver(factory).StartRecognitionAsync();
        Assert.Equal(2, (await new WorkflowDriver(factory).InstanceAsync(started)).Version);
    }

    [Fact]
    public async Task Migration_RemovingAStepWithInstances_IsBlockedUntilMapped()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await drive.CompleteOkAsync("county.130534", id, "approve"); // now in cityReview

        // Rename cityReview to cityRecommendation.
        var json = (await CurrentAsync(admin)).ToJsonString().Replace("\"cityReview\"", "\"cityRecommendation\"", StringComparison.Ordinal);
        var draftId = await SaveDraftAsync(admin, JsonNode.Parse(json)!.AsObject());

        // Publishing never moves the cases of the open 2024 round: its preview counts none of them, and they stay.
        var preview = await (await admin.PostAsJsonAsync($"/api/workflows/recognition/drafts/{draftId}/preview", new { })).Content.ReadFromJsonAsync<WorkflowKind.StepImpact[]>();
        Assert.DoesNotContain(preview!, p => p.StepId == "cityReview");
        Assert.Equal(HttpStatusCode.OK, (await PublishAsync(admin, draftId, new { note = "改名", migrate = true })).StatusCode);
        Assert.Equal(1, (await drive.InstanceAsync(id)).Version);

        // Re-pinning the round previews and migrates its own cases, blocked while a step with cases has no mapping.
        var roundPreview = await (await admin.PostAsJsonAsync("/api/rounds/2024/pins/preview", new { workflows = new { recognition = 2 } })).Content.ReadFromJsonAsync<JsonObject>();
        var steps = roundPreview!["impacts"]![0]!["steps"]!.AsArray();
        Assert.Contains(steps, p => p!["stepId"]!.GetValue<string>() == "cityReview" && p["instances"]!.GetValue<int>() == 1 && !p["existsInNew"]!.GetValue<bool>());
        var blocked = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { workflows = new { recognition = 2 }, migrate = true });
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("市级工信部门审核推荐", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await drive.InstanceAsync(id)).Version);

        var mapped = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { workflows = new { recognition = 2 }, migrate = true, stepMapping = new Dictionary<string, string> { ["cityReview"] = "cityRecommendation" } });
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        var moved = await drive.InstanceAsync(id);
        Assert.Equal(2, moved.Version);
        Assert.Equal("cityRecommendation", moved.CurrentStep);
        Assert.Equal("migrate", moved.Journal[^1].Action);
        await drive.CompleteOkAsync("city.130500", id, "recommend", data: new { rank = 1 });
        Assert.Equal("provinceReview", (await drive.InstanceAsync(id)).CurrentStep);
    }

    [Fact]
    public async Task Publish_WithoutMigration_KeepsInstancesPinnedEvenWhenTheirStepIsGone()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        var json = (await CurrentAsync(admin)).ToJsonString().Replace("\"countyReview\"", "\"countyCheck\"", StringComparison.Ordinal);
        var published = await PublishAsync(admin, await SaveDraftAsync(admin, JsonNode.Parse(json)!.AsObject()), new { note = "仅新案件" });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await drive.CompleteOkAsync("county.130534", id, "approve");
        var state = await drive.InstanceAsync(id);
        Assert.Equal(1, state.Version);
        Assert.Equal("cityReview", state.CurrentStep);
    }

    [Fact]
    public async Task InvalidDraft_Returns400WithPreciseErrors_AndSavesNothing()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var broken = (await CurrentAsync(admin)).ToJsonString().Replace("\"to\": \"approved\"", "\"to\": \"nowhere\"", StringComparison.Ordinal)
            .Replace("\"to\":\"approved\"", "\"to\":\"nowhere\"", StringComparison.Ordinal);
        var response = await admin.PostAsync("/api/workflows/recognition/drafts", new StringContent(broken, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ArtifactProblem>();
        Assert.Equal("定义有误，未保存", problem!.Title);
        var error = Assert.Single(problem.Locations, e => e.Path.EndsWith(".to", StringComparison.Ordinal) && e.Message.Contains("nowhere", StringComparison.Ordinal));
        Assert.True(error.Line >= 1 && error.Column >= 1);
        Assert.Contains(error.Message, problem.Errors[error.Path]);
        var list = await admin.GetFromJsonAsync<WorkflowsApi.DefinitionDto[]>("/api/workflows");
        Assert.DoesNotContain(list!.Single(d => d.Id == "recognition").Versions, v => v.State == "draft");
    }

    [Fact]
    public async Task Export_ThenImport_RoundTripsAsADraft()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var export = await admin.GetAsync("/api/workflows/pool-entry/versions/1/export");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        var text = await export.Content.ReadAsStringAsync();
        Assert.Equal("pool-entry", JsonNode.Parse(text)!["id"]!.GetValue<string>());

        using var form = new MultipartFormDataContent { { new StringContent(text, Encoding.UTF8, "application/json"), "file", "pool-entry.workflow.json" } };
        var import = await admin.PostAsync("/api/workflows/import", form);
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var draftId = (await import.Content.ReadFromJsonAsync<WorkflowsApi.DraftSaved>())!.DraftId;
        Assert.Equal(JsonNode.Parse(text)!["steps"]!.ToJsonString(), JsonNode.Parse(await admin.GetStringAsync($"/api/workflows/pool-entry/drafts/{draftId}"))!["steps"]!.ToJsonString());

        var bad = await admin.PostAsync("/api/workflows/import", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("province")]
    [InlineData("county.130534")]
    public async Task DefinitionsApi_IsForAdministratorsOnly(string user)
    {
        using var factory = new WorkflowFactory();
        var client = await factory.ClientFor(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/workflows/recognition/drafts", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>A transition's guard, a Scriban expression over the action's input and the case variables.</summary>
public class GuardTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string Definition = """
        { "id": "guarded", "version": 1, "title": "金额审批", "starters": ["province"], "start": "review",
          "variables": [ { "name": "limit", "type": "number", "title": "上限", "default": 10 } ],
          "steps": [ { "id": "review", "kind": "humanTask", "title": "审批", "assignee": { "role": "province", "scope": "province" } },
                     { "id": "done", "kind": "terminal", "title": "完成", "outcome": "approved" } ],
          "transitions": [ { "key": "approve", "label": "批准", "from": "review", "to": "done",
                             "guard": "input.amount != null && input.amount <= vars.limit", "guardMessage": "金额不能超过上限" } ] }
        """;

    [Fact]
    public async Task Guard_WhenFalse_RefusesWithItsMessageAndChangesNothing_WhenTrue_Moves()
    {
        var admin = await factory.ClientFor("admin");
        var saved = await admin.PostAsync("/api/workflows/guarded/drafts", new StringContent(Definition, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var draftId = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["draftId"]!.GetValue<int>();
        Assert.True((await admin.PostAsJsonAsync($"/api/workflows/guarded/drafts/{draftId}/publish", new { note = "测试" })).IsSuccessStatusCode);

        var province = await factory.ClientFor("province");
        var started = await province.PostAsJsonAsync("/api/instances", new { workflow = "guarded" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var drive = new WorkflowDriver(factory);

        var refused = await drive.CompleteAsync("province", id, "approve", data: new { amount = 11 });
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        Assert.Contains("金额不能超过上限", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("review", (await drive.InstanceAsync(id)).CurrentStep);

        await drive.CompleteOkAsync("province", id, "approve", data: new { amount = 10 });
        Assert.Equal("done", (await drive.InstanceAsync(id)).CurrentStep);
    }

    [Fact]
    public async Task RenderDocumentEffect_ThatCannotIssue_RefusesTheTransitionAndNothingMoves()
    {
        const string definition = """
            { "id": "issuing", "version": 1, "title": "出具证书", "starters": ["province"], "start": "review",
              "variables": [ { "name": "certificate", "type": "object", "title": "证书" } ],
              "steps": [ { "id": "review", "kind": "humanTask", "title": "审批", "assignee": { "role": "province", "scope": "province" } },
                         { "id": "done", "kind": "terminal", "title": "完成", "outcome": "approved" } ],
              "transitions": [ { "key": "issue", "label": "出具", "from": "review", "to": "done",
                                 "effects": [ { "kind": "renderDocument", "template": "certificate", "variable": "certificate" } ] } ] }
            """;
        var admin = await factory.ClientFor("admin");
        var saved = await admin.PostAsync("/api/workflows/issuing/drafts", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var draftId = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["draftId"]!.GetValue<int>();
        Assert.True((await admin.PostAsJsonAsync($"/api/workflows/issuing/drafts/{draftId}/publish", new { note = "测试" })).IsSuccessStatusCode);
        var province = await factory.ClientFor("province");
        var started = await province.PostAsJsonAsync("/api/instances", new { workflow = "issuing" });
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var drive = new WorkflowDriver(factory);

        // A case with no enterprise has no one to issue the certificate to.
        var refused = await drive.CompleteAsync("province", id, "issue");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("需要案件关联企业", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await drive.InstanceAsync(id);
        Assert.Equal("review", after.CurrentStep);
        Assert.Null(after.Variables!["certificate"]);
    }

    [Fact]
    public async Task RenderDocumentEffect_WithAnUnknownTemplate_IsRefusedAtSaveWithItsPath()
    {
        var admin = await factory.ClientFor("admin");
        var definition = """
            { "id": "badtemplate", "version": 1, "title": "坏模板", "starters": ["province"], "start": "a",
              "steps": [ { "id": "a", "kind": "humanTask", "title": "甲", "assignee": { "role": "province", "scope": "province" } },
                         { "id": "b", "kind": "terminal", "title": "完成", "outcome": "approved" } ],
              "transitions": [ { "key": "go", "label": "完成", "from": "a", "to": "b", "effects": [ { "kind": "renderDocument", "template": "no-such" } ] } ] }
            """;
        var response = await admin.PostAsync("/api/workflows/badtemplate/drafts", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("文书模板", body, StringComparison.Ordinal);
        Assert.Contains("transitions[0].effects[0].template", body, StringComparison.Ordinal);
    }
}

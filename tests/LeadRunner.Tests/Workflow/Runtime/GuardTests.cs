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
}

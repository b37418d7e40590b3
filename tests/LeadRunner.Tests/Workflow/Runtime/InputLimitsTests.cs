using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>Case variables keep their declared types and ranges; comments keep the configured length.</summary>
public class InputLimitsTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private async Task<int> InstanceCount()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().WorkflowInstances.IgnoreQueryFilters().CountAsync();
    }

    [Fact]
    public async Task Start_refuses_variables_of_the_wrong_type_or_range_and_stores_nothing()
    {
        var client = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        var before = await InstanceCount();
        foreach (var (year, message) in new (JsonNode?, string)[]
        {
            ("abc", "“认定年度”（year） 应为整数。"),
            (99999999999, "“认定年度”（year） 应为整数（-2147483648 至 2147483647）。"),
            (2024.5, "“认定年度”（year） 应为整数（-2147483648 至 2147483647）。"),
            (1800, "“认定年度”（year） 应在 2000 至 2100 之间。"),
            (new JsonObject { ["y"] = 1 }, "“认定年度”（year） 应为整数。"),
        })
        {
            var response = await client.PostAsJsonAsync("/api/instances", new JsonObject { ["workflow"] = "recognition", ["variables"] = new JsonObject { ["year"] = year } });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(message, problem["errors"]!["variables.year"]![0]!.GetValue<string>());
        }
        Assert.Equal(before, await InstanceCount());
    }

    [Fact]
    public async Task A_variable_set_by_an_effect_out_of_its_range_is_refused_and_the_case_does_not_move()
    {
        const string definition = """
            { "id": "ranked", "version": 1, "title": "排序", "starters": ["province"], "start": "rank",
              "variables": [ { "name": "rank", "type": "integer", "title": "排序", "minimum": 1, "maximum": 10 } ],
              "steps": [ { "id": "rank", "kind": "humanTask", "title": "排序", "assignee": { "role": "province", "scope": "province" } },
                         { "id": "done", "kind": "terminal", "title": "完成", "outcome": "approved" } ],
              "transitions": [ { "key": "set", "label": "设置", "from": "rank", "to": "done",
                                 "effects": [ { "kind": "setVariable", "variable": "rank", "value": "input.rank" } ] } ] }
            """;
        var admin = await factory.ClientFor("admin");
        var saved = await admin.PostAsync("/api/workflows/ranked/drafts", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        var draftId = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["draftId"]!.GetValue<int>();
        Assert.True((await admin.PostAsJsonAsync($"/api/workflows/ranked/drafts/{draftId}/publish", new { note = "测试" })).IsSuccessStatusCode);
        var province = await factory.ClientFor("province");
        var started = await province.PostAsJsonAsync("/api/instances", new { workflow = "ranked" });
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var drive = new WorkflowDriver(factory);

        var refused = await drive.CompleteAsync("province", id, "set", data: new { rank = 11 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("“排序”（rank） 应在 1 至 10 之间。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var instance = await drive.InstanceAsync(id);
        Assert.Equal("rank", instance.CurrentStep);
        Assert.Null(instance.Variables?["rank"]);

        var moved = await drive.CompleteAsync("province", id, "set", data: new { rank = 3 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Fact]
    public async Task A_comment_longer_than_the_limit_is_refused_naming_the_field_and_the_limit()
    {
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync();
        var refused = await drive.CompleteAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit", comment: new string('长', 2001));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("意见（comment）不能超过 2000 个字符，当前 2001 个字符。", problem["errors"]!["comment"]![0]!.GetValue<string>());
        Assert.Equal("submission", (await drive.InstanceAsync(id)).CurrentStep);
    }
}

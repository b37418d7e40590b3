using System.Net;
using System.Net.Http.Json;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>Each inbox holds exactly the tasks of the user's role in the user's region.</summary>
public class InboxScopeTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly WorkflowDriver _drive = new(factory);

    [Fact]
    public async Task CountyTask_IsInThatCountysInboxOnly()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");

        Assert.Contains((await _drive.InboxAsync("county.130534")).Tasks, t => t.InstanceId == id);
        Assert.DoesNotContain((await _drive.InboxAsync("county.130582")).Tasks, t => t.InstanceId == id);
        Assert.DoesNotContain((await _drive.InboxAsync("city.130500")).Tasks, t => t.InstanceId == id);
        Assert.DoesNotContain((await _drive.InboxAsync("province")).Tasks, t => t.InstanceId == id);
        Assert.DoesNotContain((await _drive.InboxAsync($"ent.{WorkflowDriver.QingheUscc}")).Tasks, t => t.InstanceId == id);
    }

    [Fact]
    public async Task CityTask_IsInTheReportingUnitsInbox_XiongAnNotBaoding()
    {
        var id = await _drive.StartRecognitionAsync(WorkflowDriver.XiongUscc);
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.XiongUscc}", id, "submit");
        await _drive.CompleteOkAsync("county.130638", id, "approve");

        Assert.Contains((await _drive.InboxAsync("city.133100")).Tasks, t => t.InstanceId == id);
        Assert.DoesNotContain((await _drive.InboxAsync("city.130600")).Tasks, t => t.InstanceId == id);
    }

    [Fact]
    public async Task Completion_ReturnsTheTaskItOpened_WhichIsInTheNextInbox()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");

        var response = await _drive.CompleteAsync("county.130534", id, "approve");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        var opened = Assert.Single(body!["openedTasks"]!.AsArray());
        Assert.Equal("cityReview", (string?)opened!["stepId"]);
        Assert.Equal("city", (string?)opened["role"]);
        Assert.Equal(await _drive.TaskIdAsync("city.130500", id), (long)opened["id"]!);
    }

    [Fact]
    public async Task OtherCounty_CannotCompleteOrSeeTheTaskOrCase()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        var taskId = await _drive.TaskIdAsync("county.130534", id);

        var other = await factory.ClientFor("county.130582");
        var complete = await other.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "approve" });
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cases/{id}")).StatusCode);
        Assert.Equal("countyReview", (await _drive.InstanceAsync(id)).CurrentStep);
    }

    [Fact]
    public async Task Claim_ByOneOfficer_BlocksAnother()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await _drive.CompleteOkAsync("county.130534", id, "approve");
        var taskId = await _drive.TaskIdAsync("city.130500", id);

        var city = await factory.ClientFor("city.130500");
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        var inbox = await _drive.InboxAsync("city.130500");
        Assert.Equal("city.130500", inbox.Tasks.Single(t => t.Id == taskId).ClaimedBy);
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);
        Assert.Null((await _drive.InboxAsync("city.130500")).Tasks.Single(t => t.Id == taskId).ClaimedBy);

        var enterprise = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task InboxPage_ListsTheTaskWithALinkToTheCase()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        var county = await factory.ClientFor("county.130534");
        var html = await county.GetStringAsync("/tasks");
        Assert.Contains($"/cases/{id}", html, StringComparison.Ordinal);
        var caseHtml = await county.GetStringAsync($"/cases/{id}");
        Assert.Contains("审核通过", caseHtml, StringComparison.Ordinal);
        Assert.Contains("退回修改", caseHtml, StringComparison.Ordinal);
    }
}

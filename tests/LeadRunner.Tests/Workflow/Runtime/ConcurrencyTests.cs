using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Runtime;

public class ConcurrencyTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly WorkflowDriver _drive = new(factory);

    [Fact]
    public async Task ManyParallelCompletions_ExactlyOneWins_OthersGet409()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        var taskId = await _drive.TaskIdAsync("county.130534", id);
        var clients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => factory.ClientFor("county.130534")));
        var review = await CaseFormData.CountyReviewAsync(clients[0]); // approving takes the county review form

        var responses = await Task.WhenAll(clients.Select((c, i) =>
            c.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = i % 2 == 0 ? "approve" : "reject", comment = $"第{i}位", data = review })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var conflict = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync();
        Assert.Contains("已", conflict, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var journal = await db.Journal.Where(j => j.InstanceId == id && j.FromStep == "countyReview").ToListAsync();
        Assert.Single(journal);
        var openTasks = await db.Tasks.Where(t => t.InstanceId == id && t.Status == LeadRunner.Workflow.Runtime.HumanTaskStatus.Open).ToListAsync();
        Assert.True(openTasks.Count <= 1);
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == id);
        Assert.Equal(journal[0].ToStep, instance.CurrentStep);
    }
}

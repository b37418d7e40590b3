using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Workflow.Runtime;

public class TimerTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static Task<int> FireAsync(LeadRunnerFactory factory) => factory.Services.GetRequiredService<TimerRunner>().RunDueAsync();

    [Fact]
    public async Task EscalationTimer_FiresExactlyOnce_AcrossARestart()
    {
        var path = LeadRunnerFactory.NewDatabasePath();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 9, 27, 10, 0, 0, China)); // Friday before National Day
        long id;
        using (var before = new LeadRunnerFactory(path, deleteOnDispose: false) { Clock = clock })
        {
            var drive = new WorkflowDriver(before);
            id = await drive.StartRecognitionAsync();
            await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
            await before.DisposeAsync();
        }

        using var after = new LeadRunnerFactory(path, deleteOnDispose: true) { Clock = clock };
        // The county's 5 working days: 9-27 is day 1, Sunday 9-29 (调休) day 2, 9-30 day 3; 10-01..07 National Day; 10-08 day 4; 10-09 day 5.
        // The reminder two working days before the last day is already due: it fires first, on its own.
        clock.SetUtcNow(new DateTimeOffset(2024, 10, 9, 23, 0, 0, China));
        Assert.Equal(1, await FireAsync(after));
        Assert.Equal(0, await FireAsync(after));
        clock.SetUtcNow(new DateTimeOffset(2024, 10, 10, 0, 0, 0, China));
        var fired = await Task.WhenAll(FireAsync(after), FireAsync(after));
        Assert.Equal(1, fired.Sum());
        Assert.Equal(0, await FireAsync(after));

        var escalated = (await new WorkflowDriver(after).InboxAsync("city.130500")).Tasks.Single(t => t.InstanceId == id);
        Assert.True(escalated.Escalated);
    }

    [Fact]
    public async Task OverdueCountyTask_IsEscalatedToTheCity()
    {
        using var factory = new WorkflowFactory();
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        // Entered Monday 2024-09-02; 5 working days end Friday 09-06.
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 7, 8, 0, 0, China));
        Assert.Equal(1, await FireAsync(factory));

        Assert.DoesNotContain((await drive.InboxAsync("county.130534")).Tasks, t => t.InstanceId == id);
        var escalated = (await drive.InboxAsync("city.130500")).Tasks.Single(t => t.InstanceId == id);
        Assert.True(escalated.Escalated);
        Assert.True(escalated.Overdue);
        await drive.CompleteOkAsync("city.130500", id, "approve");
        Assert.Equal("cityReview", (await drive.InstanceAsync(id)).CurrentStep);
    }

    [Fact]
    public async Task CityDeadlineFromSettings_RemindsTheCity()
    {
        using var factory = new WorkflowFactory();
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await drive.CompleteOkAsync("county.130534", id, "approve");
        var task = (await drive.InboxAsync("city.130500")).Tasks.Single(t => t.InstanceId == id);
        Assert.Equal(new DateTimeOffset(2024, 9, 13, 0, 0, 0, China), task.DueAt); // settings: deadlines.city = 2024-09-12

        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 13, 0, 5, 0, China));
        Assert.Equal(1, await FireAsync(factory));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.True(await db.Notifications.AnyAsync(n => n.InstanceId == id && n.Role == "city" && n.UnitCode == "130500" && n.Title.StartsWith("逾期提醒")));
        Assert.True((await drive.InboxAsync("city.130500")).Tasks.Single(t => t.InstanceId == id).Overdue);
    }

    [Fact]
    public async Task FailingTimer_IsRetried_ThenBecomesAnIncident_ThatAnAdminCanRetry()
    {
        using var factory = new WorkflowFactory();
        var admin = await factory.ClientFor("admin");
        var definition = """
            { "id": "failing", "version": 1, "title": "会失败的计时", "starters": ["sysadmin"],
              "variables": [ { "name": "x", "type": "number" } ],
              "start": "wait",
              "steps": [
                { "id": "wait", "kind": "timer", "title": "等待", "deadline": { "kind": "calendarDays", "days": 1, "onExpiry": "transition", "transition": "expire" } },
                { "id": "end", "kind": "terminal", "title": "结束" } ],
              "transitions": [ { "key": "expire", "label": "到期", "from": "wait", "to": "end", "trigger": "timer",
                "effects": [ { "kind": "setVariable", "variable": "x", "value": "1 / 0" } ] } ] }
            """;
        var draft = await admin.PostAsync("/api/workflows/failing/drafts", new StringContent(definition, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        var draftId = (await draft.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["draftId"]!.GetValue<int>();
        Assert.True((await admin.PostAsJsonAsync($"/api/workflows/failing/drafts/{draftId}/publish", new { note = "测试" })).IsSuccessStatusCode);
        var started = await admin.PostAsJsonAsync("/api/instances", new { workflow = "failing", enterpriseId = 1 });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());

        var t = WorkflowFactory.Start;
        foreach (var minutes in new[] { 24 * 60 + 1, 24 * 60 + 4, 24 * 60 + 9 })
        {
            factory.FakeClock.SetUtcNow(t.AddMinutes(minutes));
            Assert.Equal(0, await FireAsync(factory));
        }
        admin = await factory.ClientFor("admin"); // bearer tokens expire with the (fake) clock
        var incidents = await admin.GetFromJsonAsync<IncidentsApi.IncidentDto[]>("/api/incidents");
        var incident = Assert.Single(incidents!);
        Assert.Contains("连续 3 次失败", incident.Message, StringComparison.Ordinal);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var instance = await db.WorkflowInstances.SingleAsync(i => i.DefinitionId == "failing");
            Assert.Equal("wait", instance.CurrentStep); // the failing work changed nothing
        }

        Assert.True((await admin.PostAsync($"/api/incidents/{incident.Id}/retry", null)).IsSuccessStatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<IncidentsApi.IncidentDto[]>("/api/incidents"))!);
        Assert.Equal(0, await FireAsync(factory)); // retried at once, fails again, back off
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var timer = await db.Timers.SingleAsync(x => x.StepId == "wait");
            Assert.Equal(1, timer.Attempts);
            Assert.Equal(TimerStatus.Pending, timer.Status);
        }
    }
}

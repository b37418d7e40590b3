using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Notifications;

public class DeadlineReminderTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task CountyIsRemindedTwoWorkingDaysBeforeItsDeadline_AndNotAfterCompletingTheTask()
    {
        using var factory = new WorkflowFactory();
        var drive = new WorkflowDriver(factory);
        // Both submitted Monday 2024-09-02: the county's 5 working days end Friday 09-06; the reminder is due Thursday 09-05.
        var waiting = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", waiting, "submit");
        var done = await drive.StartRecognitionAsync(WorkflowDriver.XiongUscc);
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.XiongUscc}", done, "submit");
        await drive.CompleteOkAsync("county.130638", done, "approve");
        var runner = factory.Services.GetRequiredService<TimerRunner>();

        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 4, 23, 0, 0, China));
        Assert.Equal(0, await runner.RunDueAsync());
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 5, 8, 0, 0, China));
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Equal(0, await runner.RunDueAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var reminder = await db.Notifications.SingleAsync(n => n.InstanceId == waiting && n.Title.StartsWith("办理期限提醒"));
        Assert.Equal(("county", "130534"), (reminder.Role, reminder.CountyCode));
        Assert.Contains("距办理期限还有2个工作日", reminder.Title, StringComparison.Ordinal);
        Assert.Contains("2024-09-06", reminder.Message, StringComparison.Ordinal);
        Assert.True(await db.OutgoingMails.AnyAsync(m => m.InstanceId == waiting && m.ToAddress == "county.130534@demo.lingpao-hebei.example"));
        // The task is still the county's and not overdue; the case whose county task was completed got no reminder.
        Assert.Contains((await drive.InboxAsync("county.130534")).Tasks, t => t.InstanceId == waiting && !t.Escalated);
        Assert.False(await db.Notifications.AnyAsync(n => n.InstanceId == done && n.Title.StartsWith("办理期限提醒")));
        Assert.Equal(TimerStatus.Cancelled, (await db.Timers.SingleAsync(t => t.InstanceId == done && t.StepId == "countyReview" && t.Kind == TimerKind.Reminder)).Status);
    }
}

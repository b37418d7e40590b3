using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Notifications.Mail;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Notifications;

public class NotificationOutboxTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    // "fail" notifies and then sets a number variable to text: the transition fails after its notify effect ran.
    private const string Definition = """
        { "id": "mailed", "version": 1, "title": "通知测试", "starters": ["province"], "start": "review",
          "variables": [ { "name": "amount", "type": "number", "title": "金额" } ],
          "steps": [ { "id": "review", "kind": "humanTask", "title": "审批", "assignee": { "role": "province", "scope": "province" } },
                     { "id": "done", "kind": "terminal", "title": "完成", "outcome": "approved" } ],
          "transitions": [
            { "key": "fail", "label": "失败", "from": "review", "to": "done",
              "effects": [ { "kind": "notify", "to": { "role": "province", "scope": "province" }, "title": "不应保存的通知", "message": "回滚" },
                           { "kind": "setVariable", "variable": "amount", "value": "'不是数字'" } ] },
            { "key": "approve", "label": "批准", "from": "review", "to": "done",
              "effects": [ { "kind": "notify", "to": { "role": "province", "scope": "province" }, "title": "审批已完成", "message": "请查看结果" } ] } ] }
        """;

    [Fact]
    public async Task MailsAreWrittenWithTheNotification_AndRolledBackWithAFailedTransition()
    {
        var admin = await factory.ClientFor("admin");
        var saved = await admin.PostAsync("/api/workflows/mailed/drafts", new StringContent(Definition, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var draftId = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["draftId"]!.GetValue<int>();
        Assert.True((await admin.PostAsJsonAsync($"/api/workflows/mailed/drafts/{draftId}/publish", new { note = "测试" })).IsSuccessStatusCode);
        var province = await factory.ClientFor("province");
        var started = await province.PostAsJsonAsync("/api/instances", new { workflow = "mailed" });
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var drive = new WorkflowDriver(factory);

        var failed = await drive.CompleteAsync("province", id, "fail");
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            Assert.False(await db.Notifications.AnyAsync(n => n.InstanceId == id));
            Assert.False(await db.OutgoingMails.AnyAsync(m => m.InstanceId == id));
        }

        await drive.CompleteOkAsync("province", id, "approve");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            Assert.Single(await db.Notifications.Where(n => n.InstanceId == id).ToListAsync());
            var mails = await db.OutgoingMails.Where(m => m.InstanceId == id).OrderBy(m => m.ToAddress).ToListAsync();
            Assert.Equal(["province.editor@demo.lingpao-hebei.example", "province@demo.lingpao-hebei.example"], mails.Select(m => m.ToAddress).ToArray());
            Assert.All(mails, m =>
            {
                Assert.Equal("【领跑者平台】审批已完成", m.Subject);
                Assert.Contains("请查看结果", m.Body, StringComparison.Ordinal);
                Assert.Equal($"/cases/{id}", m.Link);
                Assert.Equal(OutgoingMailStatus.Pending, m.Status);
            });
        }
    }

    [Fact]
    public async Task Sender_SendsEachMessageOnce_RetriesARefusal_AndNeverResendsAnInterruptedOne()
    {
        var now = factory.FakeClock.GetUtcNow();
        OutgoingMail pending, interrupted;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            pending = new OutgoingMail { UserId = "u1", ToAddress = "county.130534@demo.lingpao-hebei.example", ToName = "清河县工业和信息化局", Subject = "【领跑者平台】待办提醒", Body = "请办理", Link = "/cases/1", CreatedAt = now, NextAttemptAt = now };
            // Claimed an hour ago and never marked sent: the sender died while or after handing it over.
            interrupted = new OutgoingMail { UserId = "u2", ToAddress = "province@demo.lingpao-hebei.example", Subject = "中断的邮件", Body = "x", CreatedAt = now, NextAttemptAt = now, Status = OutgoingMailStatus.Sending, ClaimedAt = now.AddHours(-1) };
            db.OutgoingMails.AddRange(pending, interrupted);
            await db.SaveChangesAsync();
        }

        // Nothing listens on port 1: the server refuses, the message waits 2 minutes for its next attempt.
        Assert.Equal(0, await Sender(new MailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = 1, EnableSsl = false } }, factory.FakeClock).RunDueAsync());
        var afterRefusal = await MailAsync(pending.Id);
        Assert.Equal((OutgoingMailStatus.Pending, 1), (afterRefusal.Status, afterRefusal.Attempts));
        Assert.True(afterRefusal.NextAttemptAt > now);
        Assert.NotNull(afterRefusal.LastError);

        var folder = Path.Combine(Path.GetTempPath(), "leadrunner-tests", "pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var later = new FakeTimeProvider(now.AddMinutes(3));
            var sender = Sender(new MailOptions { PickupDirectory = folder }, later);
            var sent = await sender.RunDueAsync();
            Assert.True(sent >= 1);
            Assert.Equal(OutgoingMailStatus.Sent, (await MailAsync(pending.Id)).Status);
            Assert.Equal(OutgoingMailStatus.Unconfirmed, (await MailAsync(interrupted.Id)).Status);
            var files = Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).ToList();
            Assert.Equal(sent, files.Count);
            var message = Assert.Single(files, f => f.Contains($"<outbox-{pending.Id}@", StringComparison.Ordinal));
            Assert.Contains("county.130534@demo.lingpao-hebei.example", message, StringComparison.Ordinal);
            Assert.DoesNotContain(files, f => f.Contains($"<outbox-{interrupted.Id}@", StringComparison.Ordinal));

            Assert.Equal(0, await sender.RunDueAsync());
            Assert.Equal(sent, Directory.GetFiles(folder, "*.eml").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private MailSender Sender(MailOptions options, TimeProvider clock) => new(
        factory.Services.GetRequiredService<IServiceScopeFactory>(), clock, Options.Create(options),
        factory.Services.GetRequiredService<IHostEnvironment>(), NullLogger<MailSender>.Instance);

    private async Task<OutgoingMail> MailAsync(long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().OutgoingMails.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}

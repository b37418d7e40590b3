using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Tests.Cms;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Data;

/// <summary>
/// Runs on PostgreSQL only (LEADRUNNER_TEST_POSTGRES); skipped without a server, except under CI=true, where a missing
/// server fails the test instead of letting it pass unseen.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresDatabases.InUse && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "需要 PostgreSQL：设置 LEADRUNNER_TEST_POSTGRES 为服务器连接字符串。";
        }
    }
}

/// <summary>Two app instances on one PostgreSQL database, as behind a proxy: what one does, the other sees and does not repeat.</summary>
[Trait("Provider", "PostgreSQL")]
public class TwoInstancesTests
{
    /// <summary>An instance on a given database; the background eviction sync is left to the test.</summary>
    private sealed class Instance(string path, bool deleteOnDispose, FakeTimeProvider clock) : LeadRunnerFactory(path, deleteOnDispose)
    {
        public FakeTimeProvider FakeClock { get; } = clock;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Cms:CacheSyncSeconds", "3600");
        }
    }

    /// <summary>Host A (drops the database when disposed, so dispose it last) and host B, started in that order.</summary>
    private static (LeadRunnerFactory A, LeadRunnerFactory B) StartTwo()
    {
        Assert.True(PostgresDatabases.InUse, "CI=true 但未配置 PostgreSQL：请设置 LEADRUNNER_TEST_POSTGRES，双实例测试不能在 SQLite 上运行。");
        var path = LeadRunnerFactory.NewDatabasePath();
        var clock = new FakeTimeProvider(WorkflowFactory.Start);
        var a = new Instance(path, deleteOnDispose: true, clock) { Clock = clock };
        _ = a.Services;
        var b = new Instance(path, deleteOnDispose: false, clock) { Clock = clock };
        _ = b.Services;
        return (a, b);
    }

    [PostgresFact]
    public async Task FiftyParallelCompletionsAcrossBothInstances_ExactlyOneWins_TheCaseMovesOneStep()
    {
        var (a, b) = StartTwo();
        using var dropsDatabase = a;
        using var other = b;
        var drive = new WorkflowDriver(a);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        var taskId = await drive.TaskIdAsync("county.130534", id);
        var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? a : b).ClientFor("county.130534")));
        var review = await CaseFormData.CountyReviewAsync(clients[0]);

        var responses = await Task.WhenAll(clients.Select((c, i) =>
            c.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "approve", comment = $"第{i}位", data = review })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await using var scope = b.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var journal = await db.Journal.Where(j => j.InstanceId == id && j.FromStep == "countyReview").ToListAsync();
        Assert.Single(journal);
        Assert.Equal(journal[0].ToStep, (await db.WorkflowInstances.SingleAsync(i => i.Id == id)).CurrentStep);
    }

    [PostgresFact]
    public async Task DueTimers_FireOnce_WhenBothInstancesRunTheTimerPassTogether()
    {
        var (a, b) = StartTwo();
        using var dropsDatabase = a;
        using var other = b;
        var drive = new WorkflowDriver(a);
        var ids = new List<long>();
        foreach (var uscc in new[] { WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc })
        {
            var id = await drive.StartRecognitionAsync(uscc);
            await drive.CompleteOkAsync($"ent.{uscc}", id, "submit");
            ids.Add(id);
        }
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var pending = await db.Timers.CountAsync(t => ids.Contains(t.InstanceId) && t.Status == TimerStatus.Pending);
        Assert.True(pending >= 2, $"两个案件应各有待触发的期限，实际 {pending} 个。");
        // Past every deadline of the county step (5 working days from Monday 09-02, and its reminders).
        ((Instance)a).FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 20, 8, 0, 0, TimeSpan.FromHours(8)));

        var passes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ((i % 2 == 0 ? a : b).Services.GetRequiredService<TimerRunner>()).RunDueAsync()));

        var fired = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.InstanceId) && t.Status != TimerStatus.Pending).ToListAsync();
        Assert.True(fired.Count >= 2, $"期限应已触发，实际 {fired.Count} 个。");
        // Fired, or cancelled by the escalation that moved the task on; none failed on a collision.
        Assert.All(fired, t => Assert.Contains(t.Status, new[] { TimerStatus.Fired, TimerStatus.Cancelled }));
        Assert.All(ids, id => Assert.Contains(fired, t => t.InstanceId == id && t.Status == TimerStatus.Fired));
        Assert.All(fired, t => Assert.Equal(0, t.Attempts));
        Assert.InRange(passes.Sum(), 1, fired.Count); // a reminder with no one to remind fires without counting
        // A timer fired twice would have collided with itself: an incident, or a second open task on the case.
        Assert.Empty(await db.Incidents.Where(i => ids.Contains(i.InstanceId)).ToListAsync());
        foreach (var id in ids)
        {
            Assert.Equal(1, await db.Tasks.CountAsync(t => t.InstanceId == id && t.Status == HumanTaskStatus.Open));
            Assert.True(await db.Tasks.AnyAsync(t => t.InstanceId == id && t.Status == HumanTaskStatus.Open && t.Escalated));
        }
    }

    [PostgresFact]
    public async Task ARowClaimedOnOneInstance_IsSkippedByTheOther_UntilItsTransactionEnds()
    {
        var (a, b) = StartTwo();
        using var dropsDatabase = a;
        using var other = b;
        await using var scopeA = a.Services.CreateAsyncScope();
        await using var scopeB = b.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        dbA.JobLeases.Add(new JobLease { Name = "claim-test" });
        await dbA.SaveChangesAsync();

        await using (var holding = await JobClaims.BeginAsync(dbA, CancellationToken.None))
        {
            Assert.True(await JobClaims.ClaimOneAsync<JobLease, string>(dbA, "claim-test", CancellationToken.None));
            await using var waiting = await JobClaims.BeginAsync(dbB, CancellationToken.None);
            Assert.False(await JobClaims.ClaimOneAsync<JobLease, string>(dbB, "claim-test", CancellationToken.None));
        }

        await using var after = await JobClaims.BeginAsync(dbB, CancellationToken.None);
        Assert.True(await JobClaims.ClaimOneAsync<JobLease, string>(dbB, "claim-test", CancellationToken.None));
    }

    [PostgresFact]
    public async Task ATokenIssuedByOneInstance_IsAcceptedByTheOther()
    {
        var (a, b) = StartTwo();
        using var dropsDatabase = a;
        using var other = b;
        var fromA = await a.ClientFor("province");
        var onB = b.CreateClient(new() { AllowAutoRedirect = false });
        onB.DefaultRequestHeaders.Authorization = fromA.DefaultRequestHeaders.Authorization;

        var response = await onB.GetAsync("/api/tasks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "伪造" + fromA.DefaultRequestHeaders.Authorization!.Parameter);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/tasks")).StatusCode);
    }

    [PostgresFact]
    public async Task AnEvictionOnOneInstance_ReachesTheOthersCache()
    {
        var (a, b) = StartTwo();
        using var dropsDatabase = a;
        using var other = b;
        var visitor = b.AnonymousClient();
        Assert.DoesNotContain("双实例缓存测试", await visitor.GetStringAsync("/feed.xml"), StringComparison.Ordinal);

        await PublishedContent.PublishAsync(a, PublishedContent.Notice("two-instances", "双实例缓存测试"));

        Assert.Contains("双实例缓存测试", await a.AnonymousClient().GetStringAsync("/feed.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain("双实例缓存测试", await visitor.GetStringAsync("/feed.xml"), StringComparison.Ordinal); // B's cached copy
        await a.Services.GetRequiredService<CacheEvictions>().SyncAsync();
        Assert.Equal(1, await b.Services.GetRequiredService<CacheEvictions>().SyncAsync());
        Assert.Contains("双实例缓存测试", await visitor.GetStringAsync("/feed.xml"), StringComparison.Ordinal);
    }
}

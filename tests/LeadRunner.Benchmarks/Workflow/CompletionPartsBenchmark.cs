using BenchmarkDotNet.Attributes;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>The fixed costs inside one completion, to see where its time goes.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CompletionPartsBenchmark
{
    private BenchmarkHost _host = null!;

    private long _instance;

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        await using var scope = _host.Services.CreateAsyncScope();
        var started = await scope.ServiceProvider.GetRequiredService<LeadRunner.Workflow.Runtime.Engine.StartCase>().StartAsync("pool-entry", 1, new System.Text.Json.Nodes.JsonObject { ["year"] = 2024 }, Actor.System);
        _instance = ((TransitionOutcome.Done)started).Instance.Id;
    }

    /// <summary>The writes of a completion without the engine: one task inserted, one journal entry, in a transaction.</summary>
    [Benchmark]
    public async Task InsertTaskAndJournal()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = _host.Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Tasks.Add(new HumanTask { InstanceId = _instance, StepId = "x", Title = "x", Role = "province", CreatedAt = DateTimeOffset.UtcNow });
        db.Journal.Add(new JournalEntry { InstanceId = _instance, Actor = "bench", ToStep = "x", Action = "x", ActionLabel = "x" });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    [Benchmark]
    public async Task<int> ScopeAndOneQuery()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await _host.Db(scope).Tasks.Where(t => t.Id == 1).Select(t => t.Revision).FirstOrDefaultAsync();
    }

    [Benchmark]
    public async Task EmptyWriteTransaction()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = _host.Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AuditEntries.Add(new LeadRunner.Audit.AuditEntry { UserName = "bench", Action = "x", Subject = "x" });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();
}

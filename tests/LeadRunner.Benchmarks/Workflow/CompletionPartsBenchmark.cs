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

    [GlobalSetup]
    public void SetUp() => _ = (_host = new BenchmarkHost()).Services;

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
        db.AuditEntries.Add(new LeadRunner.Admin.AuditEntry { UserName = "bench", Action = "x", Subject = "x" });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();
}

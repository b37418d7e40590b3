using BenchmarkDotNet.Attributes;
using LeadRunner.Accounts;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>
/// One task completion = one transaction: load task and case, permission and Stateless check, step change,
/// journal entry, the next task; then a read to find that next task. Target: ≥ 1,000 per second.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class TaskCompletionBenchmark
{
    private const string Loop = """
        { "id": "bench-loop", "version": 1, "title": "往返", "starters": ["province"], "start": "a",
          "steps": [ { "id": "a", "kind": "humanTask", "title": "甲", "assignee": { "role": "province", "scope": "province" } },
                     { "id": "b", "kind": "humanTask", "title": "乙", "assignee": { "role": "province", "scope": "province" } } ],
          "transitions": [ { "key": "go", "label": "去乙", "from": "a", "to": "b" }, { "key": "back", "label": "回甲", "from": "b", "to": "a" } ] }
        """;

    private static readonly Actor Officer = new("province.bench", new AccessScope(true, null, null, null, Roles.Province));
    private BenchmarkHost _host = null!;
    private long _instance;
    private long _task;
    private string _action = "go";

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        await using var scope = _host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<WorkflowStore>();
        var draft = (WorkflowStore.Outcome.Saved)await store.SaveDraftAsync("bench-loop", Loop, null, "bench", null);
        await store.PublishAsync("bench-loop", draft.Version.Id, "bench", null, false, null);
        var started = (TransitionOutcome.Done)await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().StartAsync("bench-loop", 1, null, Officer);
        _instance = started.Instance.Id;
        _task = await _host.Db(scope).Tasks.Where(t => t.InstanceId == _instance && t.Status == HumanTaskStatus.Open).Select(t => t.Id).FirstAsync();
    }

    [Benchmark]
    public async Task CompleteTask()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        if (await engine.CompleteTaskAsync(_task, _action, null, null, Officer) is not TransitionOutcome.Done)
        {
            throw new InvalidOperationException("completion refused");
        }
        _action = _action == "go" ? "back" : "go";
        _task = await _host.Db(scope).Tasks.Where(t => t.InstanceId == _instance && t.Status == HumanTaskStatus.Open).Select(t => t.Id).FirstAsync();
    }

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();
}

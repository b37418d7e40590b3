using BenchmarkDotNet.Attributes;
using LeadRunner.Accounts;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>
/// One task completion = one transaction: load task and case, permission and Stateless check, step change,
/// journal entry, the next task (whose id the completion returns). Target: ≥ 1,000 per second, measured both as
/// one client completing tasks back to back and as several clients completing tasks of different cases at once.
/// </summary>
// EF Core's paths take a few seconds of tiered JIT to reach steady state, hence the long warm-up.
[SimpleJob(launchCount: 1, warmupCount: 20, iterationCount: 15)]
[MemoryDiagnoser]
public class TaskCompletionBenchmark
{
    internal const string Loop = """
        { "id": "bench-loop", "version": 1, "title": "往返", "starters": ["province"], "start": "a",
          "steps": [ { "id": "a", "kind": "humanTask", "title": "甲", "assignee": { "role": "province", "scope": "province" } },
                     { "id": "b", "kind": "humanTask", "title": "乙", "assignee": { "role": "province", "scope": "province" } } ],
          "transitions": [ { "key": "go", "label": "去乙", "from": "a", "to": "b" }, { "key": "back", "label": "回甲", "from": "b", "to": "a" } ] }
        """;

    internal static readonly Actor Officer = new("province.bench", new AccessScope(true, null, null, null, Roles.Province));
    private const int Clients = 4;
    private const int CompletionsPerClient = 25;
    private BenchmarkHost _host = null!;
    private Case[] _cases = null!;

    /// <summary>One case moving back and forth between its two steps, by its open task.</summary>
    private sealed class Case(long task)
    {
        public long Task { get; set; } = task;
        public string Action { get; set; } = "go";
    }

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        await using var scope = _host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ArtifactStore>();
        var draft = (VersionOutcome.Saved)await store.SaveDraftAsync(WorkflowKind.Kind, "bench-loop", Loop, "bench", null);
        await store.PublishDraftAsync(WorkflowKind.Kind, "bench-loop", draft.Version.Id, "bench", null);
        var startCase = scope.ServiceProvider.GetRequiredService<StartCase>();
        _cases = new Case[Clients];
        for (var i = 0; i < Clients; i++)
        {
            var started = (TransitionOutcome.Done)await startCase.StartAsync("bench-loop", 1, null, Officer);
            _cases[i] = new Case(started.OpenedTasks[0].Id);
        }
    }

    [Benchmark(Baseline = true)]
    public Task CompleteTask() => CompleteAsync(_cases[0]);

    /// <summary>Throughput with several clients at once, each on its own case; the time shown is per completion.</summary>
    [Benchmark(OperationsPerInvoke = Clients * CompletionsPerClient)]
    public Task CompleteTasks_FourClientsAtOnce() => Task.WhenAll(_cases.Select(c => Task.Run(async () =>
    {
        for (var i = 0; i < CompletionsPerClient; i++)
        {
            await CompleteAsync(c);
        }
    })));

    private async Task CompleteAsync(Case item)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var completeTask = scope.ServiceProvider.GetRequiredService<CompleteTask>();
        if (await completeTask.CompleteAsync(item.Task, item.Action, null, null, Officer) is not TransitionOutcome.Done { OpenedTasks: [var next] })
        {
            throw new InvalidOperationException("completion refused");
        }
        item.Action = item.Action == "go" ? "back" : "go";
        item.Task = next.Id;
    }

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();
}

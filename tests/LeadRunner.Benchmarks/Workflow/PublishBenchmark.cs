using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Versions;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>Validate and publish a 50-step definition (schema, semantic rules, guards parsed, new version stored). Target: ≤ 50 ms.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PublishBenchmark
{
    private BenchmarkHost _host = null!;
    private string _definition = "";
    private int _round;

    [GlobalSetup]
    public void SetUp()
    {
        _host = new BenchmarkHost();
        _ = _host.Services; // start the app: migrations and seed data
        var steps = new JsonArray();
        var transitions = new JsonArray();
        for (var i = 1; i <= 50; i++)
        {
            var last = i == 50;
            var step = new JsonObject { ["id"] = $"s{i}", ["kind"] = last ? "terminal" : "humanTask", ["title"] = $"第{i}步" };
            if (!last)
            {
                step["assignee"] = new JsonObject { ["role"] = "province", ["scope"] = "province" };
                step["deadline"] = new JsonObject { ["kind"] = "workingDays", ["days"] = 5, ["onExpiry"] = "remind" };
            }
            steps.Add(step);
            if (!last)
            {
                transitions.Add(new JsonObject { ["key"] = "next", ["label"] = "下一步", ["from"] = $"s{i}", ["to"] = $"s{i + 1}", ["guard"] = $"vars.n >= {i}" });
                transitions.Add(new JsonObject { ["key"] = "back", ["label"] = "退回", ["from"] = $"s{i}", ["to"] = i == 1 ? "s1" : $"s{i - 1}", ["requires"] = new JsonArray("comment") });
            }
        }
        var definition = new JsonObject
        {
            ["id"] = "bench-50", ["version"] = 1, ["title"] = "五十步流程",
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "n", ["type"] = "number" }),
            ["start"] = "s1", ["steps"] = steps, ["transitions"] = transitions,
        };
        _definition = definition.ToJsonString();
    }

    [Benchmark]
    public async Task ValidateAndPublish()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ArtifactStore>();
        // A new title each round, so that the parsed-expression cache does not hide the work of a real edit.
        var json = _definition.Replace("五十步流程", $"五十步流程{++_round}", StringComparison.Ordinal);
        var saved = await store.SaveDraftAsync(WorkflowKind.Kind, "bench-50", json, "bench", null);
        if (saved is not VersionOutcome.Saved draft)
        {
            throw new InvalidOperationException($"draft refused: {saved}");
        }
        var published = await store.PublishDraftAsync(WorkflowKind.Kind, "bench-50", draft.Version.Id, "bench", null);
        if (published is not VersionOutcome.Saved)
        {
            throw new InvalidOperationException($"publish refused: {published}");
        }
    }

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();
}

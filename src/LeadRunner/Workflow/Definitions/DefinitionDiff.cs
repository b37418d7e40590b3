using System.Text.Json;

namespace LeadRunner.Workflow.Definitions;

/// <summary>What changed between two versions, in the terms administrators use: steps, transitions, variables.</summary>
public static class DefinitionDiff
{
    public sealed record Change(string Kind, string Item, string Id, string Description);

    public static IReadOnlyList<Change> Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        var changes = new List<Change>();
        if (before.Title != after.Title)
        {
            changes.Add(new("changed", "流程", after.Id, $"名称由“{before.Title}”改为“{after.Title}”"));
        }
        if (before.Start != after.Start)
        {
            changes.Add(new("changed", "流程", after.Id, $"起始步骤由“{before.Start}”改为“{after.Start}”"));
        }
        Compare(changes, "步骤", before.Steps, after.Steps, s => s.Id, s => s.Title);
        Compare(changes, "流转", before.Transitions, after.Transitions, t => $"{t.From}.{t.Key}", t => $"{t.Label}（{t.From} → {t.To}）");
        Compare(changes, "变量", before.Variables, after.Variables, v => v.Name, v => v.Title.Length > 0 ? v.Title : v.Name);
        return changes;
    }

    private static void Compare<T>(List<Change> changes, string item, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string> name)
    {
        var old = before.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
        var now = after.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
        foreach (var (id, value) in now.Where(p => !old.ContainsKey(p.Key)))
        {
            changes.Add(new("added", item, id, $"新增{item}“{name(value)}”"));
        }
        foreach (var (id, value) in old.Where(p => !now.ContainsKey(p.Key)))
        {
            changes.Add(new("removed", item, id, $"删除{item}“{name(value)}”"));
        }
        foreach (var (id, value) in now.Where(p => old.ContainsKey(p.Key)))
        {
            var was = JsonSerializer.SerializeToNode(old[id], DefinitionJson.Options)!.AsObject();
            var isNow = JsonSerializer.SerializeToNode(value, DefinitionJson.Options)!.AsObject();
            var fields = was.Select(p => p.Key).Union(isNow.Select(p => p.Key))
                .Where(f => !JsonElementEquals(was[f]?.ToJsonString(), isNow[f]?.ToJsonString())).ToList();
            if (fields.Count > 0)
            {
                changes.Add(new("changed", item, id, $"修改{item}“{name(value)}”的 {string.Join("、", fields)}"));
            }
        }
    }

    private static bool JsonElementEquals(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);
}

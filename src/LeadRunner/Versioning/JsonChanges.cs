using System.Text.Json.Nodes;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Versioning;

/// <summary>Differences between two JSON documents, value by value, each at its JSON path ($.deadlines.county).</summary>
public static class JsonChanges
{
    public const string Added = "新增";
    public const string Removed = "删除";
    public const string Changed = "修改";

    public static IReadOnlyList<VersionChange> Compare(string before, string after) => Compare(JsonNode.Parse(before), JsonNode.Parse(after));

    public static IReadOnlyList<VersionChange> Compare(JsonNode? before, JsonNode? after, string path = "$")
    {
        var changes = new List<VersionChange>();
        Walk(before, after, path, changes);
        return changes;
    }

    /// <summary>A text value as people read it (no quotes or escapes); anything else as JSON.</summary>
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString(DefinitionJson.Options);

    private static void Walk(JsonNode? before, JsonNode? after, string path, List<VersionChange> changes)
    {
        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    Walk(a[key], b[key], $"{path}.{key}", changes);
                }
                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], b[i], $"{path}[{i}]", changes);
                }
                break;
            default:
                var x = Text(before);
                var y = Text(after);
                if (x != y)
                {
                    changes.Add(new VersionChange(x is null ? Added : y is null ? Removed : Changed, path, x, y));
                }
                break;
        }
    }
}

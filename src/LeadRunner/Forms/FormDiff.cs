using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadRunner.Forms;

/// <summary>What changed between two versions of a form, field by field (by data path), in words an administrator reads.</summary>
public static class FormDiff
{
    public sealed record Change(string Kind, string Path, string Label, string? Before, string? After);

    public static IReadOnlyList<Change> Compare(JsonObject before, JsonObject after)
    {
        var changes = new List<Change>();
        if (before["title"]?.ToString() != after["title"]?.ToString())
        {
            changes.Add(new Change("changed", "title", "表单名称", before["title"]?.ToString(), after["title"]?.ToString()));
        }
        var old = Flatten(before);
        var @new = Flatten(after);
        foreach (var (path, component) in @new)
        {
            if (!old.TryGetValue(path, out var previous))
            {
                changes.Add(new Change("added", path, Label(component), null, Describe(component)));
            }
            else if (!JsonNode.DeepEquals(previous, component))
            {
                changes.Add(new Change("changed", path, Label(component), Describe(previous), Describe(component)));
            }
        }
        foreach (var (path, component) in old)
        {
            if (!@new.ContainsKey(path))
            {
                changes.Add(new Change("removed", path, Label(component), Describe(component), null));
            }
        }
        return changes;
    }

    // Each component without its children, keyed by data path (layouts by their own key, so moves inside a level show as changes of the layout).
    private static Dictionary<string, JsonObject> Flatten(JsonObject form)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        Walk(form["components"] as JsonArray, "", result);
        return result;
    }

    private static void Walk(JsonArray? components, string prefix, Dictionary<string, JsonObject> result)
    {
        if (components is null)
        {
            return;
        }
        var index = 0;
        foreach (var node in components)
        {
            if (node is not JsonObject c)
            {
                continue;
            }
            var key = c["key"]?.ToString() ?? $"#{index.ToString(CultureInfo.InvariantCulture)}";
            index++;
            var type = c["type"]?.ToString() ?? "";
            var own = (JsonObject)c.DeepClone();
            own.Remove("components");
            own.Remove("columns");
            result.TryAdd(prefix + key, own);
            var nested = type is "container" or "datagrid" ? prefix + key + "." : prefix;
            Walk(c["components"] as JsonArray, nested, result);
            if (c["columns"] is JsonArray columns)
            {
                foreach (var column in columns.OfType<JsonObject>())
                {
                    Walk(column["components"] as JsonArray, nested, result);
                }
            }
        }
    }

    private static string Label(JsonObject c) => c["label"]?.ToString() ?? c["title"]?.ToString() ?? c["key"]?.ToString() ?? "";

    private static string Describe(JsonObject c) => c.ToJsonString();
}

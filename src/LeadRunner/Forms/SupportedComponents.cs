using System.Text.Json.Nodes;

namespace LeadRunner.Forms;

/// <summary>
/// The component types the server validates, read from supported-components.json — the same list the designer's
/// palette is built from, so an administrator cannot place a component the server would not check.
/// </summary>
public static class SupportedComponents
{
    public sealed record Entry(string Type, string Group, string Title);

    public static readonly IReadOnlyList<Entry> All = Load();

    /// <summary>The server's rule for each type: how it holds data. Every listed type must have one (a test checks).</summary>
    public static readonly IReadOnlyDictionary<string, ComponentKind> Kinds = new Dictionary<string, ComponentKind>(StringComparer.Ordinal)
    {
        ["textfield"] = ComponentKind.Field,
        ["textarea"] = ComponentKind.Field,
        ["number"] = ComponentKind.Field,
        ["currency"] = ComponentKind.Field,
        ["checkbox"] = ComponentKind.Field,
        ["select"] = ComponentKind.Field,
        ["radio"] = ComponentKind.Field,
        ["email"] = ComponentKind.Field,
        ["phoneNumber"] = ComponentKind.Field,
        ["uscc"] = ComponentKind.Field,
        ["datetime"] = ComponentKind.Field,
        ["file"] = ComponentKind.Field,
        ["htmlelement"] = ComponentKind.Static,
        ["content"] = ComponentKind.Static,
        ["button"] = ComponentKind.Static,
        ["columns"] = ComponentKind.Layout,
        ["fieldset"] = ComponentKind.Layout,
        ["panel"] = ComponentKind.Layout,
        ["container"] = ComponentKind.Container,
        ["datagrid"] = ComponentKind.Grid,
    };

    /// <summary>Types whose value may be a list when the component sets <c>multiple</c>.</summary>
    public static readonly IReadOnlySet<string> MultipleAllowed = new HashSet<string>(StringComparer.Ordinal) { "textfield", "select", "file" };

    public static bool IsSupported(string type) => All.Any(e => e.Type == type) && Kinds.ContainsKey(type);

    private static List<Entry> Load()
    {
        using var stream = typeof(SupportedComponents).Assembly.GetManifestResourceStream("LeadRunner.Forms.supported-components.json")
            ?? throw new InvalidOperationException("supported-components.json is not embedded.");
        var root = JsonNode.Parse(stream)!;
        return [.. root["types"]!.AsArray().Select(t => new Entry((string)t!["type"]!, (string)t["group"]!, (string)t["title"]!))];
    }
}

using System.Text.Json.Nodes;

namespace LeadRunner.Audit;

/// <summary>
/// Audit values as a person reads them: some changes are recorded as JSON (a round's pinned versions); the page shows
/// them as "名称：值；…" instead. The export keeps the recorded text exactly.
/// </summary>
public static class AuditText
{
    public static string? Readable(string? text)
    {
        if (text is not { Length: > 1 } || text[0] is not ('{' or '['))
        {
            return text;
        }
        try
        {
            return JsonNode.Parse(text) is { } node ? Flatten(node, nested: false) : text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }

    private static string Flatten(JsonNode node, bool nested) => node switch
    {
        JsonObject obj when nested => $"（{Flatten(obj, nested: false)}）",
        JsonObject obj => string.Join("；", obj.Select(p => $"{p.Key}：{(p.Value is null ? "无" : Flatten(p.Value, nested: true))}")),
        JsonArray array => string.Join("、", array.Select(item => item is null ? "无" : Flatten(item, nested: true))),
        _ => node.ToString(),
    };
}

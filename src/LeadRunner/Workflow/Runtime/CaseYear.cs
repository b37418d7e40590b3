using System.Text.Json.Nodes;

namespace LeadRunner.Workflow.Runtime;

/// <summary>The round year a case's variables name (<c>year</c>), however the value was made.</summary>
public static class CaseYear
{
    // A value parsed from JSON reads as decimal, one built in code (new JsonObject { ["year"] = 2024 }) only as int.
    public static int? Of(JsonNode? variables) =>
        variables?["year"] is not JsonValue year ? null
        : year.TryGetValue<int>(out var whole) ? whole
        : year.TryGetValue<decimal>(out var y) && y is >= int.MinValue and <= int.MaxValue && y == decimal.Truncate(y) ? (int)y : null;
}

using System.Text.Json.Nodes;
using LeadRunner.Forms;
using LeadRunner.Hosting;

namespace LeadRunner.Holders.Changes;

/// <summary>
/// A change filing as the change-filing form keeps it (the case variable <c>changeFiling</c>): what changed, the names
/// before and after, and the effective date from which the month for filing runs (第十六条三).
/// </summary>
public sealed record ChangeFiling(string ChangeType, string PreviousName, string? NewName, DateOnly EffectiveOn, string Description)
{
    public const string WorkflowId = "change-filing";
    public const string FormKey = "change-filing";

    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["rename"] = "更名",
        ["reorganisation"] = "重组",
        ["merger"] = "并购",
        ["renameAndReorganisation"] = "更名并重组",
    };

    public string TypeTitle => Types.GetValueOrDefault(ChangeType, ChangeType);

    /// <summary>The last day on which the change is filed in time: one calendar month after it took effect.</summary>
    public DateOnly DueOn => EffectiveOn.AddMonths(1);

    /// <summary>The filing read from the form's data, or null when a field the filing needs is missing.</summary>
    public static ChangeFiling? Read(JsonNode? data)
    {
        if (data is not JsonObject form || Text(form, "changeType") is not { } type || Text(form, "changeDate") is not { } date
            || !FieldRules.TryParseInstant(date, out var instant))
        {
            return null;
        }
        return new ChangeFiling(type, Text(form, "previousName") ?? "", Text(form, "newName"), instant.TodayIn(), Text(form, "description") ?? "");
    }

    private static string? Text(JsonObject form, string key) =>
        form[key] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LeadRunner.Forms;

/// <summary>How a component type holds data: the validator walks the tree by this, not by type names.</summary>
public enum ComponentKind
{
    /// <summary>Panel, fieldset, columns: children keep the parent's data level.</summary>
    Layout,

    /// <summary>Text, buttons: no data at all.</summary>
    Static,

    /// <summary>An object under its key whose children are validated inside it.</summary>
    Container,

    /// <summary>An array of row objects under its key.</summary>
    Grid,

    /// <summary>A value under its key.</summary>
    Field,
}

/// <summary>A date limit as an instant, and as the designer wrote it for messages.</summary>
public sealed record DateLimit(DateTimeOffset Instant, string Text);

/// <summary>A file field's limits, read from Form.io's <c>fileMaxSize</c>, <c>filePattern</c> and our <c>validate.minFiles/maxFiles</c>.</summary>
public sealed record FileRule(long? MaxSize, string? MaxSizeText, IReadOnlyList<string> Patterns, int? MinFiles, int? MaxFiles);

/// <summary>
/// A Form.io condition, evaluated as @formio/core evaluates it: the legacy <c>{ show, when, eq }</c> compares text
/// (a list matches when it contains the value), the builder's <c>{ show, conjunction, conditions }</c> compares JSON
/// values (a list matches when any item does) and knows emptiness per component type (an unchecked checkbox is empty).
/// </summary>
public sealed record Condition(bool Show, bool All, IReadOnlyList<Condition.Clause> Clauses)
{
    /// <summary>One comparison; <see cref="Value"/> is the JSON value to compare with, <see cref="Legacy"/> set for <c>when/eq</c>.</summary>
    public sealed record Clause(string[] Path, string Operator, JsonNode? Value, bool Legacy = false);

    /// <summary>Whether the component is shown, given its own data level, the submission's root and the types of the form's fields by key.</summary>
    public bool IsVisible(JsonObject level, JsonObject root, IReadOnlyDictionary<string, string> types)
    {
        var matches = All ? Clauses.All(c => Matches(c, level, root, types)) : Clauses.Any(c => Matches(c, level, root, types));
        return matches == Show;
    }

    private static bool Matches(Clause clause, JsonObject level, JsonObject root, IReadOnlyDictionary<string, string> types)
    {
        var found = Resolve(clause.Path, level, out var value) || Resolve(clause.Path, root, out value)
            || (clause.Path.Length > 1 && Resolve(clause.Path[^1..], level, out value));
        if (clause.Legacy)
        {
            var eq = FieldRules.AsComparable(clause.Value) ?? (clause.Value is null ? "undefined" : clause.Value.ToJsonString());
            return value is JsonArray list ? list.Any(i => JsText(i, true) == eq) : JsText(value, found) == eq;
        }
        var type = types.GetValueOrDefault(clause.Path[^1]);
        return clause.Operator switch
        {
            "isEmpty" => IsEmpty(type, value),
            "isNotEmpty" => !IsEmpty(type, value),
            "isNotEqual" => value is JsonArray a ? a.Any(i => !IsEqual(i, clause.Value)) : !IsEqual(value, clause.Value),
            _ => value is JsonArray b ? b.Any(i => IsEqual(i, clause.Value)) : IsEqual(value, clause.Value),
        };
    }

    // JavaScript's String(value): a missing value is "undefined", null "null", a list its items joined by commas.
    private static string JsText(JsonNode? value, bool found) => value switch
    {
        null => found ? "null" : "undefined",
        JsonArray a => string.Join(",", a.Select(i => i is null ? "" : JsText(i, true))),
        JsonObject => "[object Object]",
        _ => FieldRules.AsComparable(value) ?? "null",
    };

    // IsEqualTo: text compared with a value of another type is read as JSON first ("true" equals true, "12" equals 12).
    private static bool IsEqual(JsonNode? value, JsonNode? compared)
    {
        var truthyValue = value is not null && !(value is JsonValue v && (v.GetValueKind() is JsonValueKind.Null
            || (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)
            || (v.GetValueKind() == JsonValueKind.Number && v.ToJsonString() is "0" or "-0")));
        if (truthyValue && compared is JsonValue c && c.GetValueKind() == JsonValueKind.String && c.GetValue<string>() is { Length: > 0 } text
            && value!.GetValueKind() != JsonValueKind.String)
        {
            try
            {
                compared = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON: compared as the text it is.
            }
        }
        if (value is JsonValue a && compared is JsonValue b && a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.TryParse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(b.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y;
        }
        return (value is null || value.GetValueKind() == JsonValueKind.Null)
            ? compared is null || compared.GetValueKind() == JsonValueKind.Null
            : JsonNode.DeepEquals(value, compared);
    }

    // isComponentDataEmpty: text fields and textareas are trimmed, a checkbox's false is empty, a list of one blank is empty.
    private static bool IsEmpty(string? type, JsonNode? value)
    {
        if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String && type is "textfield" or "phoneNumber" or "textarea")
        {
            return s.GetValue<string>().Trim().Length == 0;
        }
        return value switch
        {
            null => true,
            JsonValue v => v.GetValueKind() is JsonValueKind.Null
                || (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)
                || (type == "checkbox" && v.GetValueKind() == JsonValueKind.False),
            JsonArray a => a.Count == 0 || (a.Count == 1 && type is "textfield" or "textarea" or "datetime"
                ? a[0] is JsonValue e && e.GetValueKind() == JsonValueKind.String && e.GetValue<string>().Length == 0
                : a.Count == 1 && (a[0] is null || a[0]!.GetValueKind() == JsonValueKind.Null)),
            _ => false,
        };
    }

    private static bool Resolve(string[] path, JsonObject start, out JsonNode? value)
    {
        JsonNode? node = start;
        foreach (var part in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node))
            {
                value = null;
                return false;
            }
        }
        value = node;
        return true;
    }
}

/// <summary>One component of a parsed form, with its rules read once so that each submission is checked quickly.</summary>
public sealed class FormComponent
{
    public required string Type { get; init; }
    public required ComponentKind Kind { get; init; }
    public string? Key { get; init; }
    public required string Label { get; init; }

    /// <summary>Where the component sits in the schema, e.g. <c>components[2].components[0]</c>.</summary>
    public required string SchemaPath { get; init; }
    public IReadOnlyList<FormComponent> Children { get; init; } = [];
    public Condition? Conditional { get; init; }

    public bool Required { get; init; }
    public bool Multiple { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public Regex? Pattern { get; init; }
    public string? CustomMessage { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public int? DecimalLimit { get; init; }
    public DateLimit? MinDate { get; init; }
    public DateLimit? MaxDate { get; init; }
    public int? MinWords { get; init; }
    public int? MaxWords { get; init; }

    /// <summary>The mask the browser applies: the component's <c>inputMask</c>, or Form.io's default for a phone field without one.</summary>
    public string? InputMask { get; init; }

    /// <summary>Runs of whitespace become one space and the ends are trimmed, before checking and storing, as Form.io does.</summary>
    public bool TruncateMultipleSpaces { get; init; }

    /// <summary>Set to Hidden in the designer: its value is kept but not checked, unless <see cref="ValidateWhenHidden"/>.</summary>
    public bool Hidden { get; init; }

    /// <summary>Whether the value is removed when a condition hides the component (Form.io's default: yes).</summary>
    public bool ClearOnHide { get; init; } = true;
    public bool ValidateWhenHidden { get; init; }

    /// <summary>A checkbox shown as a radio button: when chosen, its <c>value</c> is stored under this shared name.</summary>
    public string? RadioName { get; init; }
    public string? RadioValue { get; init; }
    public IReadOnlySet<string>? Options { get; init; }

    /// <summary>The round list (e.g. industries) a select takes its options from; its value is checked against that list.</summary>
    public string? RoundList { get; init; }
    public FileRule? File { get; init; }
}

/// <summary>A form version ready to validate submissions against.</summary>
public sealed record FormDefinition(string Key, string Title, FormAccess Access, IReadOnlyList<FormComponent> Components)
{
    /// <summary>
    /// Roles that may fill and submit the form on its own (at /forms/{key}); empty means any signed-in user. A form
    /// taken with a case action is governed by the task's role instead, and administrators may always fill it.
    /// </summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The type of each data component by key, at any depth: a condition's emptiness depends on the type it looks at.</summary>
    public IReadOnlyDictionary<string, string> FieldTypes => fieldTypes ??= Types(Components, new Dictionary<string, string>(StringComparer.Ordinal));

    private IReadOnlyDictionary<string, string>? fieldTypes;

    private static Dictionary<string, string> Types(IEnumerable<FormComponent> components, Dictionary<string, string> into)
    {
        foreach (var c in components)
        {
            if (c.Key is { } key && c.Kind != ComponentKind.Layout)
            {
                into.TryAdd(key, c.Type);
            }
            Types(c.Children, into);
        }
        return into;
    }

    /// <summary>Whether a select takes its options from a round list, so that validation needs the round's lists.</summary>
    public bool UsesRoundLists => Uses(Components);

    private static bool Uses(IReadOnlyList<FormComponent> components) => components.Any(c => c.RoundList is not null || Uses(c.Children));

    /// <summary>The file fields, at any depth: a visitor uploads to them under an upload grant.</summary>
    public IEnumerable<FormComponent> FileFields => Files(Components);

    public bool HasFileFields => FileFields.Any();

    private static IEnumerable<FormComponent> Files(IEnumerable<FormComponent> components) =>
        components.SelectMany(c => c.File is not null ? [c] : Files(c.Children));

    public bool MayBeSubmittedAloneBy(System.Security.Claims.ClaimsPrincipal user) =>
        Access == FormAccess.Public || Roles.Count == 0 || user.IsInRole(Accounts.Roles.SysAdmin) || Roles.Any(user.IsInRole);

    /// <summary>Why <see cref="MayBeSubmittedAloneBy"/> refused, in Chinese.</summary>
    public string RolesRefusal() =>
        $"“{Title}”只能由{string.Join("、", Roles.Select(r => Accounts.Roles.ChineseNames.GetValueOrDefault(r, r)))}单独填写提交；案件中的表单请在待办任务中填写。";
}

public enum FormAccess
{
    /// <summary>Only signed-in users may fill it.</summary>
    Login,

    /// <summary>Anyone may fill it (the 公示 objection form).</summary>
    Public,
}

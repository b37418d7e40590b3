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

/// <summary>A file field's limits, read from Form.io's <c>fileMaxSize</c>, <c>filePattern</c> and our <c>validate.minFiles/maxFiles</c>.</summary>
public sealed record FileRule(long? MaxSize, string? MaxSizeText, IReadOnlyList<string> Patterns, int? MinFiles, int? MaxFiles);

/// <summary>
/// A simple Form.io condition: the legacy <c>{ show, when, eq }</c> or the builder's
/// <c>{ show, conjunction, conditions: [{ component, operator, value }] }</c> with equality and emptiness operators.
/// </summary>
public sealed record Condition(bool Show, bool All, IReadOnlyList<Condition.Clause> Clauses)
{
    public sealed record Clause(string[] Path, string Operator, string? Value);

    /// <summary>Whether the component is shown, given its own data level and the submission's root.</summary>
    public bool IsVisible(JsonObject level, JsonObject root)
    {
        var matches = All ? Clauses.All(c => Matches(c, level, root)) : Clauses.Any(c => Matches(c, level, root));
        return matches == Show;
    }

    private static bool Matches(Clause clause, JsonObject level, JsonObject root)
    {
        var value = Resolve(clause.Path, level) ?? Resolve(clause.Path, root)
            ?? (clause.Path.Length > 1 ? Resolve(clause.Path[^1..], level) : null);
        var text = FieldRules.AsComparable(value);
        return clause.Operator switch
        {
            "isEmpty" => string.IsNullOrEmpty(text),
            "isNotEmpty" => !string.IsNullOrEmpty(text),
            "isNotEqual" => !string.Equals(text, clause.Value ?? "", StringComparison.Ordinal),
            _ => string.Equals(text, clause.Value ?? "", StringComparison.Ordinal),
        };
    }

    private static JsonNode? Resolve(string[] path, JsonObject start)
    {
        JsonNode? node = start;
        foreach (var part in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }
        return node;
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
    public DateOnly? MinDate { get; init; }
    public DateOnly? MaxDate { get; init; }
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

using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Rounds;
using LeadRunner.Uploads;

namespace LeadRunner.Forms;

/// <summary>An error on one field, keyed by its full data path such as <c>partners[2].name</c>.</summary>
public sealed record FieldError(string Key, string Message);

/// <summary>
/// Checks submitted data against a parsed form, without trusting anything the browser did: hidden fields are
/// neither required nor kept, unknown keys are dropped, and the cleaned copy is what gets stored. File entries
/// are collected for <see cref="FileChecks"/>, which needs the uploads store.
/// </summary>
public static class SubmissionValidator
{
    public sealed record PendingFile(string Path, FormComponent Component, IReadOnlyList<(Guid Id, JsonObject Entry)> Files, JsonArray Target);

    public sealed record Outcome(List<FieldError> Errors, JsonObject Data, List<PendingFile> Files)
    {
        /// <summary>The round whose lists the selects bound to a round list were checked against.</summary>
        public RoundListSet? Round { get; init; }
    }

    public static Outcome Validate(FormDefinition form, JsonObject data, RoundListSet? round = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var outcome = new Outcome([], [], []) { Round = round };
        Walk(form.Components, data, data, outcome.Data, "", new Scope(form.FieldTypes, false, false), outcome);
        return outcome;
    }

    /// <summary>What the parents decided: hidden by a condition (values cleared), or set to Hidden (values kept, not checked).</summary>
    private sealed record Scope(IReadOnlyDictionary<string, string> Types, bool ConditionallyHidden, bool Hidden);

    // As Form.io's server: a component hidden by a condition loses its value (unless clearOnHide is off) and is not
    // checked; one set to Hidden keeps its value unchecked; validateWhenHidden checks either all the same.
    private static void Walk(IReadOnlyList<FormComponent> components, JsonObject level, JsonObject root, JsonObject output, string prefix, Scope scope, Outcome outcome)
    {
        foreach (var c in components)
        {
            var own = scope with
            {
                ConditionallyHidden = scope.ConditionallyHidden || (c.Conditional is { } condition && !condition.IsVisible(level, root, scope.Types)),
                Hidden = scope.Hidden || c.Hidden,
            };
            switch (c.Kind)
            {
                case ComponentKind.Layout:
                    Walk(c.Children, level, root, output, prefix, own, outcome);
                    continue;
                case ComponentKind.Static:
                    continue;
            }
            if (own.ConditionallyHidden && c.ClearOnHide)
            {
                continue;
            }
            if ((own.ConditionallyHidden || own.Hidden) && !c.ValidateWhenHidden)
            {
                Keep(c, level, output);
                continue;
            }
            switch (c.Kind)
            {
                case ComponentKind.Container:
                    Container(c, level, root, output, prefix, own, outcome);
                    break;
                case ComponentKind.Grid:
                    Grid(c, level, root, output, prefix, own, outcome);
                    break;
                default:
                    Field(c, level, output, prefix + c.Key, outcome);
                    break;
            }
        }
    }

    // A hidden value Form.io keeps, kept as it came (a file entry too: FileChecks only rebuilds checked ones, so none).
    private static void Keep(FormComponent c, JsonObject level, JsonObject output)
    {
        if (c.Type != "file" && level.TryGetPropertyValue(c.Key!, out var value))
        {
            output[c.Key!] = value?.DeepClone();
        }
        if (c.RadioName is { } name && level.TryGetPropertyValue(name, out var chosen))
        {
            output[name] = chosen?.DeepClone();
        }
    }

    private static void Container(FormComponent c, JsonObject level, JsonObject root, JsonObject output, string prefix, Scope scope, Outcome outcome)
    {
        var path = prefix + c.Key;
        var value = level[c.Key!];
        if (value is not null and not JsonObject)
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”的数据格式不正确。"));
            return;
        }
        if (c.Required && !FieldRules.HasValue(c, value))
        {
            outcome.Errors.Add(new FieldError(path, FieldRules.RequiredMessage(c)));
        }
        var inner = new JsonObject();
        output[c.Key!] = inner;
        Walk(c.Children, value as JsonObject ?? [], root, inner, path + ".", scope, outcome);
    }

    private static void Grid(FormComponent c, JsonObject level, JsonObject root, JsonObject output, string prefix, Scope scope, Outcome outcome)
    {
        var path = prefix + c.Key;
        var value = level[c.Key!];
        if (value is not null and not JsonArray)
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”应为表格（行的列表）。"));
            return;
        }
        var rows = value as JsonArray ?? [];
        if (c.Required && !FieldRules.HasValue(c, rows))
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”至少需要填写 1 行。"));
        }
        if (c.MinLength is { } min && rows.Count < min)
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”至少需要 {min} 行，当前 {rows.Count} 行。"));
        }
        if (c.MaxLength is { } max && rows.Count > max)
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”最多 {max} 行，当前 {rows.Count} 行。"));
            return;
        }
        var cleaned = new JsonArray();
        output[c.Key!] = cleaned;
        for (var i = 0; i < rows.Count; i++)
        {
            var rowPath = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (rows[i] is not JsonObject row)
            {
                outcome.Errors.Add(new FieldError(rowPath, $"“{c.Label}”第 {i + 1} 行的数据格式不正确。"));
                continue;
            }
            var rowOutput = new JsonObject();
            cleaned.Add(rowOutput);
            var before = outcome.Errors.Count;
            Walk(c.Children, row, root, rowOutput, rowPath + ".", scope, outcome);
            // Say which row: the column labels alone repeat on every row.
            for (var e = before; e < outcome.Errors.Count; e++)
            {
                outcome.Errors[e] = outcome.Errors[e] with { Message = $"“{c.Label}”第 {i + 1} 行：{outcome.Errors[e].Message}" };
            }
        }
    }

    private static void Field(FormComponent c, JsonObject level, JsonObject output, string path, Outcome outcome)
    {
        if (c.RadioName is not null)
        {
            Radio(c, level, output, path, outcome);
        }
        level.TryGetPropertyValue(c.Key!, out var value);
        if (c.Type == "file")
        {
            File(c, value, output, path, outcome);
            return;
        }
        // truncateMultipleSpaces: Form.io stores and checks the text with runs of whitespace made one space.
        if (c.TruncateMultipleSpaces && value is JsonValue t && t.TryGetValue<string>(out var text))
        {
            value = JsonValue.Create(Truncated(text));
        }
        if (c.Required && !FieldRules.HasValue(c, value))
        {
            outcome.Errors.Add(new FieldError(path, FieldRules.RequiredMessage(c)));
        }
        if (value is null && !level.ContainsKey(c.Key!))
        {
            return;
        }
        if (FieldRules.IsEmpty(value))
        {
            output[c.Key!] = value?.DeepClone();
            return;
        }
        if (c.Multiple)
        {
            if (value is not JsonArray items)
            {
                outcome.Errors.Add(new FieldError(path, $"“{c.Label}”应为多项的列表。"));
                return;
            }
            if (c.TruncateMultipleSpaces)
            {
                items = [.. items.Select(i => i is JsonValue iv && iv.TryGetValue<string>(out var s) ? JsonValue.Create(Truncated(s)) : i?.DeepClone())];
                value = items;
            }
            // Form.io's server checks the list as a whole (required) and not the text rules of its items; the
            // server's own checks (type, option membership, its length cap) still look at each.
            for (var i = 0; i < items.Count; i++)
            {
                if (!FieldRules.IsEmpty(items[i]) && FieldRules.CheckItem(c, items[i]!, outcome.Round) is { } itemError)
                {
                    outcome.Errors.Add(new FieldError($"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", $"第 {i + 1} 项：{itemError}"));
                }
            }
        }
        else if (FieldRules.Check(c, value!, outcome.Round) is { } error)
        {
            outcome.Errors.Add(new FieldError(path, error));
        }
        output[c.Key!] = value!.DeepClone();
    }

    private static string Truncated(string text) =>
        string.Join(' ', text.Trim(FieldRules.JsWhitespace).Split(FieldRules.JsWhitespace).Where(p => p.Length > 0));

    // A checkbox shown as a radio button: the chosen button's value is stored under the shared name, as the browser does.
    private static void Radio(FormComponent c, JsonObject level, JsonObject output, string path, Outcome outcome)
    {
        if (!level.TryGetPropertyValue(c.RadioName!, out var chosen) || output.ContainsKey(c.RadioName!))
        {
            return;
        }
        if (chosen is not null and not JsonValue)
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”的取值格式不正确。"));
            return;
        }
        output[c.RadioName!] = chosen?.DeepClone();
    }

    private static void File(FormComponent c, JsonNode? value, JsonObject output, string path, Outcome outcome)
    {
        // Form.io's file value is always a list; a lone object is not what a browser sends.
        var entries = value as JsonArray ?? [];
        if (value is not null and not JsonArray && !FieldRules.IsEmpty(value))
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”应为上传文件的列表。"));
            return;
        }
        var rule = c.File!;
        if (entries.Count == 0)
        {
            if (c.Required)
            {
                outcome.Errors.Add(new FieldError(path, FieldRules.RequiredMessage(c)));
            }
            return;
        }
        var max = c.Multiple ? rule.MaxFiles : 1;
        if (max is { } m && entries.Count > m)
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”最多上传 {m} 个文件，当前 {entries.Count} 个。"));
            return;
        }
        if (rule.MinFiles is { } min && entries.Count < min)
        {
            outcome.Errors.Add(new FieldError(path, $"“{c.Label}”至少上传 {min} 个文件，当前 {entries.Count} 个。"));
        }
        var files = new List<(Guid, JsonObject)>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var url = entries[i] is JsonObject e && e["url"] is JsonValue u && u.TryGetValue<string>(out var s) ? s : null;
            if (!IUploadedFiles.TryParseId(url, out var id))
            {
                outcome.Errors.Add(new FieldError($"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", $"“{c.Label}”第 {i + 1} 个文件不是通过本系统上传的文件。"));
                continue;
            }
            files.Add((id, (JsonObject)entries[i]!));
        }
        var target = new JsonArray();
        output[c.Key!] = target;
        outcome.Files.Add(new PendingFile(path, c, files, target));
    }
}

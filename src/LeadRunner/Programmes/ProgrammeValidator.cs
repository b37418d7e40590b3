using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Programmes;

/// <summary>Checks a year's settings: the schema, then the rules between values (dates in order, thresholds sensible).</summary>
public sealed class ProgrammeValidator(ProgrammeSchema schema)
{
    public sealed record Result(JsonObject? Settings, IReadOnlyList<ValidationError> Errors)
    {
        public bool Valid => Errors.Count == 0;
    }

    public Result Validate(string json, int year)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return new Result(null, [new ValidationError("$", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"JSON 格式错误：{ex.Message}")]);
        }
        if (node is JsonObject old)
        {
            ProgrammeUpgrade.Apply(old); // settings exported before the lists were round data are still accepted
        }
        var positions = JsonPositions.Of(json);
        ValidationError At(string path, string message)
        {
            var (line, column) = positions.Find(path);
            return new ValidationError(path, line, column, message);
        }

        var errors = schema.Check(node).Select(e => At(e.Path, e.Message)).ToList();
        if (errors.Count > 0 || node is not JsonObject settings)
        {
            return new Result(null, errors.Count > 0 ? errors : [At("$", "设置必须是一个对象")]);
        }
        errors.AddRange(Rules(settings, year).Select(e => At(e.Path, e.Message)));
        return new Result(errors.Count == 0 ? settings : null, errors);
    }

    private static IEnumerable<(string Path, string Message)> Rules(JsonObject s, int year)
    {
        if (s["year"]!.GetValue<int>() != year)
        {
            yield return ("$.year", $"年度应为 {year}");
        }
        var dates = new List<(string Path, string Label, DateOnly? Date)>
        {
            ("$.noticeDate", "通知日期", Date(s["noticeDate"])),
            ("$.deadlines.enterprise", "企业提交截止日期", Date(s["deadlines"]!["enterprise"])),
            ("$.deadlines.county", "县级审核截止日期", Date(s["deadlines"]!["county"])),
            ("$.deadlines.city", "市级报送截止日期", Date(s["deadlines"]!["city"])),
        };
        foreach (var (path, label, _) in dates.Where(d => d.Date is null && Raw(s, d.Path) is { Length: > 0 }))
        {
            yield return (path, $"{label}不是有效的日期");
        }
        var present = dates.Where(d => d.Date is not null).ToList();
        for (var i = 1; i < present.Count; i++)
        {
            if (present[i].Date < present[i - 1].Date)
            {
                yield return (present[i].Path, $"{present[i].Label}（{present[i].Date:yyyy-MM-dd}）不能早于{present[i - 1].Label}（{present[i - 1].Date:yyyy-MM-dd}）");
            }
        }
        if (s["rdThresholdTraditional"]!.GetValue<decimal>() > s["rdThreshold"]!.GetValue<decimal>())
        {
            yield return ("$.rdThresholdTraditional", "传统行业的研发投入占比门槛不应高于一般门槛");
        }
        foreach (var error in List(s, "industries", "name", "行业").Concat(List(s, "specialCategories", "key", "专项条件类别")).Concat(List(s, "partnerRelations", "name", "合作关系")))
        {
            yield return error;
        }
        var milestones = s["support"]!["revenueMilestones"]!.AsArray().Select(m => m!["revenue"]!.GetValue<decimal>()).ToList();
        for (var i = 1; i < milestones.Count; i++)
        {
            if (milestones[i] <= milestones[i - 1])
            {
                yield return ($"$.support.revenueMilestones[{i}].revenue", "营业收入台阶应从低到高排列且不重复");
            }
        }
    }

    /// <summary>A reference list: entries unique by their name or key (trimmed), and at least one still offered.</summary>
    private static IEnumerable<(string Path, string Message)> List(JsonObject s, string list, string id, string label)
    {
        var entries = s[list]!.AsArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var value = entries[i]![id]!.GetValue<string>();
            if (value.Trim() != value || value.Length == 0)
            {
                yield return ($"$.{list}[{i}].{id}", $"{label}“{value}”的首尾不能有空格");
            }
            else if (!seen.Add(value))
            {
                yield return ($"$.{list}[{i}].{id}", $"{label}“{value}”重复");
            }
        }
        if (entries.All(e => e!["retired"]?.GetValue<bool>() == true))
        {
            yield return ($"$.{list}", $"{label}至少要保留一项未停用的");
        }
    }

    private static string? Raw(JsonObject s, string path) =>
        ProgrammeSettings.Read(s, path.TrimStart('$', '.')) is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static DateOnly? Date(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LeadRunner.Programmes.Eligibility;

namespace LeadRunner.Rounds;

/// <summary>
/// One round in one file (*.round.json): its settings and the full content of every version it runs on, so another
/// installation can run the same round. Dictionaries are sorted and lists ordered, so the same round gives the same bytes.
/// </summary>
public sealed record RoundBundle(
    [property: JsonPropertyOrder(-3)] string Format,
    [property: JsonPropertyOrder(-2)] int SchemaVersion,
    RoundBundle.RoundPart Round,
    JsonObject Settings,
    RoundBundle.PinsPart Pins,
    IReadOnlyList<RoundBundle.WorkflowPart> Workflows,
    IReadOnlyList<RoundBundle.FormPart> Forms,
    IReadOnlyList<RoundBundle.TemplatePart> Templates,
    RoundBundle.RulesPart? Rules,
    IReadOnlyList<RoundBundle.CalendarYearPart> Calendar)
{
    public const string FormatName = "leadrunner.round";

    /// <summary>Raised when the format changes; a file with a higher number is refused rather than half read.</summary>
    public const int CurrentSchemaVersion = 1;

    public const long MaxBytes = 10_000_000;

    /// <summary>When the file was made: the one field that differs between two exports of the same round.</summary>
    [JsonPropertyOrder(-1)]
    public DateTimeOffset? ExportedAt { get; init; }

    private static readonly Dictionary<string, string> Parts = new()
    {
        ["round"] = "年度批次（round）", ["settings"] = "年度设置（settings）", ["pins"] = "使用的版本（pins）",
        ["workflows"] = "流程（workflows）", ["forms"] = "表单（forms）", ["templates"] = "文书模板（templates）",
        ["rules"] = "认定条件（rules）", ["calendar"] = "工作日历（calendar）",
    };

    public sealed record RoundPart(int Year, string Title);

    public sealed record PinsPart(SortedDictionary<string, int> Workflows, SortedDictionary<string, int> Forms, SortedDictionary<string, int> Templates, int? RulesVersion);

    /// <summary>A workflow version; <see cref="Definition"/> is the stored definition as published.</summary>
    public sealed record WorkflowPart(string Id, int Version, string Title, JsonObject Definition);

    public sealed record FormPart(string Key, int Version, string Title, JsonObject Definition);

    public sealed record TemplatePart(string Key, int Version, string Title, int? Annex, IReadOnlyList<string> Binds, bool HasBlank, string Text);

    /// <summary>The rule set at <see cref="Version"/>: every rule's definition as it stood then.</summary>
    public sealed record RulesPart(int Version, IReadOnlyList<RuleDefinition> Items);

    public sealed record CalendarYearPart(int Year, SortedDictionary<string, string> Holidays, SortedDictionary<string, string> AdjustedWorkdays);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        // A file administrators may open: Chinese and template markup stay as written (it is never served as HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public byte[] ToBytes() => [.. JsonSerializer.SerializeToUtf8Bytes(this, Json), (byte)'\n'];

    /// <summary>The uploaded file (multipart field "file") as a bundle, or the reasons it is not one — each in Chinese.</summary>
    public static async Task<(RoundBundle? Bundle, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
        {
            return Fail("file", "请选择要导入的年度批次文件（.round.json）。");
        }
        if (file.Length > MaxBytes)
        {
            return Fail("file", $"年度批次文件不能超过 {MaxBytes / 1_000_000} MB。");
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        return Parse(await reader.ReadToEndAsync(ct));
    }

    public static (RoundBundle? Bundle, Dictionary<string, string[]> Errors) Parse(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            return Fail("file", $"文件不是有效的 JSON（第 {(ex.LineNumber ?? 0) + 1} 行）：请选择从本系统“年度批次”页面导出的 .round.json 文件。");
        }
        if (node is not JsonObject root || root["format"] is not JsonValue format || !format.TryGetValue<string>(out var name) || name != FormatName)
        {
            return Fail("format", "文件不是年度批次文件（缺少 format: \"leadrunner.round\"），可能是流程、表单或年度设置文件，请选择 .round.json 文件。");
        }
        if (root["schemaVersion"] is not JsonValue schema || !schema.TryGetValue<int>(out var version) || version < 1)
        {
            return Fail("schemaVersion", "文件缺少有效的格式版本（schemaVersion）。");
        }
        if (version > CurrentSchemaVersion)
        {
            return Fail("schemaVersion", $"文件的格式版本为 {version}，由更新版本的系统导出；本系统只能读取第 {CurrentSchemaVersion} 版，请先升级本系统。");
        }
        if (Parts.Where(p => !root.ContainsKey(p.Key)).Select(p => p.Value).ToList() is { Count: > 0 } missing)
        {
            return Fail("file", $"文件缺少{string.Join("、", missing)}，不是完整的年度批次文件。");
        }
        RoundBundle? bundle;
        try
        {
            bundle = root.Deserialize<RoundBundle>(Json);
        }
        catch (JsonException ex)
        {
            return Fail("file", $"文件内容不完整或格式有误（位置 {ex.Path ?? "$"}）：缺少必填内容或类型不符。");
        }
        if (bundle is null)
        {
            return Fail("file", "文件内容为空。");
        }
        var errors = bundle.Inconsistencies();
        return errors.Count > 0 ? (null, errors) : (bundle, errors);
    }

    /// <summary>Every pin must name an artifact the file carries, at that very version, and nothing may appear twice; one message per item.</summary>
    private Dictionary<string, string[]> Inconsistencies()
    {
        var errors = new Dictionary<string, string[]>();
        void Check<T>(string kind, string label, IReadOnlyDictionary<string, int> pins, IReadOnlyList<T> parts, Func<T, string> key, Func<T, int> version)
        {
            foreach (var duplicate in parts.GroupBy(key).Where(g => g.Count() > 1))
            {
                errors[$"{kind}.{duplicate.Key}"] = [$"文件中{label}“{duplicate.Key}”出现了 {duplicate.Count()} 次，应只有一个版本。"];
            }
            foreach (var (name, pinned) in pins)
            {
                if (!parts.Any(p => key(p) == name && version(p) == pinned))
                {
                    errors[$"pins.{kind}.{name}"] = [$"批次使用{label}“{name}”第 {pinned} 版，但文件中没有该版本的内容。"];
                }
            }
        }
        Check("workflows", "流程", Pins.Workflows, Workflows, w => w.Id, w => w.Version);
        Check("forms", "表单", Pins.Forms, Forms, f => f.Key, f => f.Version);
        Check("templates", "文书模板", Pins.Templates, Templates, t => t.Key, t => t.Version);
        if (Pins.RulesVersion is { } rules && Rules?.Version != rules)
        {
            errors["pins.rulesVersion"] = [$"批次使用认定条件规则集第 {rules} 版，但文件中没有该版本的规则。"];
        }
        if (Calendar.GroupBy(c => c.Year).FirstOrDefault(g => g.Count() > 1) is { } year)
        {
            errors[$"calendar.{year.Key}"] = [$"文件中 {year.Key} 年工作日历出现了多次。"];
        }
        foreach (var rule in (Rules?.Items ?? []).GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            errors[$"rules.{rule.Key}"] = [$"文件中认定条件“{rule.Key}”出现了 {rule.Count()} 次。"];
        }
        foreach (var annex in Templates.Where(t => t.Annex is not null).GroupBy(t => t.Annex).Where(g => g.Count() > 1))
        {
            errors[$"templates.annex{annex.Key}"] = [$"文件中附件 {annex.Key} 对应了多个模板：{string.Join("、", annex.Select(t => t.Key))}。"];
        }
        return errors;
    }

    private static (RoundBundle? Bundle, Dictionary<string, string[]> Errors) Fail(string field, string message) => (null, new() { [field] = [message] });
}

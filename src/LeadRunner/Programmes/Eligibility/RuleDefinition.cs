using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>A rule's content as written in workflows/rules/eligibility.json and kept in each stored version.</summary>
public sealed record RuleDefinition(
    string Id,
    string Title,
    string Group,
    string? Category,
    bool Judgement,
    int SortOrder,
    [property: JsonConverter(typeof(RuleDefinition.LinesConverter))] string Expression,
    [property: JsonConverter(typeof(RuleDefinition.LinesConverter))] string Explanation,
    bool Enabled = true)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // Administrators read the stored versions as text (always HTML-encoded when shown): Chinese and operators
        // such as + and < stay as written rather than \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static RuleDefinition Of(EligibilityRule rule) =>
        new(rule.Id, rule.Title, rule.Group, rule.Category, rule.Judgement, rule.SortOrder, rule.Expression, rule.Explanation, rule.Enabled);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads the shipped rules file; a multi-line expression may be written as an array of lines.</summary>
    public static IReadOnlyList<RuleDefinition> ReadFile(string path) =>
        JsonSerializer.Deserialize<List<RuleDefinition>>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidOperationException($"认定条件文件 {path} 为空。");

    /// <summary>Accepts a string or an array of lines (joined with line breaks); always writes a string.</summary>
    internal sealed class LinesConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString()!;
            }
            var lines = JsonSerializer.Deserialize<List<string>>(ref reader, options)
                ?? throw new JsonException("应为字符串或字符串数组。");
            return string.Join('\n', lines);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

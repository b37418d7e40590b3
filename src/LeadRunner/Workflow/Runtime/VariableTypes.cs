using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// A case variable must match the type and range its definition declares, whether it comes from the starter or
/// from an effect: a wrong value is refused with a Chinese message and never stored.
/// </summary>
public static class VariableTypes
{
    /// <summary>Text variables without a declared maxLength are still bounded.</summary>
    public const int DefaultMaxLength = 2000;

    /// <summary>Null when the value fits the declaration (or is absent), else why not.</summary>
    public static string? Refusal(VariableDefinition variable, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }
        var name = variable.Title.Length > 0 ? $"“{variable.Title}”（{variable.Name}）" : variable.Name;
        var kind = value.GetValueKind();
        switch (variable.Type)
        {
            case "integer" or "number":
                // Read from the JSON text: a value built in code (an int) does not convert to decimal through TryGetValue.
                if (kind != JsonValueKind.Number || !decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return $"{name} 应为{(variable.Type == "integer" ? "整数" : "数字")}。";
                }
                if (variable.Type == "integer" && (number != decimal.Truncate(number) || number is < int.MinValue or > int.MaxValue))
                {
                    return $"{name} 应为整数（-2147483648 至 2147483647）。";
                }
                if (number < variable.Minimum || number > variable.Maximum)
                {
                    return $"{name} 应在 {Bound(variable.Minimum, "不限")} 至 {Bound(variable.Maximum, "不限")} 之间。";
                }
                return null;
            case "string":
                if (kind != JsonValueKind.String)
                {
                    return $"{name} 应为文本。";
                }
                var max = variable.MaxLength ?? DefaultMaxLength;
                return value.GetValue<string>().Length > max ? $"{name} 不能超过 {max} 个字符。" : null;
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? null : $"{name} 应为布尔值（true 或 false）。";
            case "date":
                return kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                    ? null : $"{name} 应为日期（如 2024-09-05）。";
            case "object":
                return kind == JsonValueKind.Object ? null : $"{name} 应为对象。";
            case "array":
                return kind == JsonValueKind.Array ? null : $"{name} 应为数组。";
            default:
                return null;
        }
    }

    private static string Bound(decimal? bound, string none) => bound?.ToString(CultureInfo.InvariantCulture) ?? none;
}

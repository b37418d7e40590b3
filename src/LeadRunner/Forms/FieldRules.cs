using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Enterprises;
using LeadRunner.Rounds;

namespace LeadRunner.Forms;

/// <summary>The checks on one field's value, by component type. Messages name the field as the form labels it.</summary>
public static partial class FieldRules
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    // Area code 0 + 2–3 digits, 7–8 digit number, optional extension: 0311-87903827, 010-12345678-123.
    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    /// <summary>
    /// Checks a present, non-empty scalar value; a select bound to a round list is checked against the round's lists.
    /// Returns the error message, or null when it passes.
    /// </summary>
    public static string? Check(FormComponent c, JsonNode value, RoundListSet? round = null) => c.Type switch
    {
        "textfield" or "textarea" => Text(c, value),
        "email" => Text(c, value) ?? (Email().IsMatch(value.GetValue<string>()) ? null : $"“{c.Label}”不是有效的电子邮箱地址。"),
        "phoneNumber" => Text(c, value) ?? Phone(c, value.GetValue<string>()),
        "uscc" => Text(c, value) ?? Uscc(c, value.GetValue<string>()),
        "number" or "currency" => Number(c, value),
        "checkbox" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : $"“{c.Label}”应为是或否。",
        "select" when c.RoundList is { } list => ListOption(c, list, value, round),
        "select" or "radio" => Option(c, value),
        "datetime" => Date(c, value),
        _ => null,
    };

    public const int DefaultTextFieldMaxLength = 500;
    public const int DefaultTextAreaMaxLength = 5000;

    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Null or JsonValueKind.False => true,
            JsonValueKind.String => v.GetValue<string>().Length == 0,
            _ => false,
        },
        _ => false,
    };

    public static string RequiredMessage(FormComponent c) => c.Type switch
    {
        "file" => $"请上传“{c.Label}”。",
        "checkbox" => $"请勾选“{c.Label}”。",
        "select" or "radio" => $"请选择“{c.Label}”。",
        _ => $"“{c.Label}”为必填项。",
    };

    private static string? Text(FormComponent c, JsonNode value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
        {
            return $"“{c.Label}”应为文字。";
        }
        if (c.MinLength is { } min && s.Length < min)
        {
            return $"“{c.Label}”至少 {min} 个字，当前 {s.Length} 个字。";
        }
        // A field without a declared limit still has one, so no form stores megabytes of text.
        var max = c.MaxLength ?? (c.Type == "textarea" ? DefaultTextAreaMaxLength : DefaultTextFieldMaxLength);
        if (s.Length > max)
        {
            return $"“{c.Label}”最多 {max} 个字，当前 {s.Length} 个字。";
        }
        if (c.Pattern is { } pattern)
        {
            try
            {
                if (!pattern.IsMatch(s))
                {
                    return c.CustomMessage ?? $"“{c.Label}”的格式不正确。";
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return $"“{c.Label}”的内容过于复杂，无法校验格式。";
            }
        }
        return null;
    }

    private static string? Phone(FormComponent c, string s) =>
        Mobile().IsMatch(s) || Landline().IsMatch(s)
            ? null
            : $"“{c.Label}”不是有效的电话号码：手机号为 1 开头的 11 位数字，固定电话须带区号，如 0311-87903827。";

    private static string? Uscc(FormComponent c, string s)
    {
        var result = UsccValidator.Validate(s);
        return result.Valid ? null : $"“{c.Label}”有误：{string.Join("", result.Errors)}";
    }

    private static string? Number(FormComponent c, JsonNode value)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !TryNumber(v, out var n))
        {
            return $"“{c.Label}”应为数字。";
        }
        if (c.DecimalLimit is { } limit && n.Scale > limit && decimal.Round(n, limit) != n)
        {
            return limit == 0 ? $"“{c.Label}”应为整数。" : $"“{c.Label}”最多保留 {limit} 位小数。";
        }
        if (c.Min is { } min && n < min)
        {
            return $"“{c.Label}”不能小于 {min.ToString(CultureInfo.InvariantCulture)}。";
        }
        if (c.Max is { } max && n > max)
        {
            return $"“{c.Label}”不能大于 {max.ToString(CultureInfo.InvariantCulture)}。";
        }
        return null;
    }

    private static string? Option(FormComponent c, JsonNode value)
    {
        var text = AsComparable(value);
        return text is not null && c.Options!.Contains(text) ? null : $"“{c.Label}”的取值“{text ?? value.ToJsonString()}”不在可选项中。";
    }

    private static string? ListOption(FormComponent c, string list, JsonNode value, RoundListSet? round)
    {
        var text = AsComparable(value);
        if (round is null)
        {
            return $"“{c.Label}”的可选项来自年度名单，但尚未设置任何年度批次，无法填写。";
        }
        return text is not null && round.Choices(list).Contains(text)
            ? null
            : $"“{c.Label}”的取值“{text ?? value.ToJsonString()}”不在 {round.Year} 年度的{RoundListSet.Names[list]}名单中（或已停用），请从列表中选择。";
    }

    private static string? Date(FormComponent c, JsonNode value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s) || !TryParseDate(s, out var date))
        {
            return $"“{c.Label}”不是有效的日期。";
        }
        if (c.MinDate is { } min && date < min)
        {
            return $"“{c.Label}”不能早于 {min.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}。";
        }
        if (c.MaxDate is { } max && date > max)
        {
            return $"“{c.Label}”不能晚于 {max.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}。";
        }
        return null;
    }

    // Parsed JSON converts to decimal directly; values built in code (an int, a double) are read from their JSON text.
    private static bool TryNumber(JsonValue v, out decimal n) =>
        v.TryGetValue(out n) || decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out n);

    /// <summary>A date as Form.io stores it (<c>2024-09-01T00:00:00+08:00</c>) or plain <c>2024-09-01</c>; the date in its own offset.</summary>
    public static bool TryParseDate(string s, out DateOnly date)
    {
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            date = DateOnly.FromDateTime(instant.DateTime);
            return true;
        }
        return false;
    }

    /// <summary>A value as text for comparing with options and conditions, the way Form.io compares them.</summary>
    public static string? AsComparable(JsonNode? value) => value switch
    {
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Form.io's size notation: 20MB, 500KB, 1GB, or bytes.</summary>
    public static long? ParseSize(string text)
    {
        var t = text.Trim().ToUpperInvariant();
        (string Unit, long Factor)[] units = [("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1)];
        foreach (var (unit, factor) in units)
        {
            if (t.EndsWith(unit, StringComparison.Ordinal) && decimal.TryParse(t[..^unit.Length].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                return (long)(n * factor);
            }
        }
        return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : null;
    }
}

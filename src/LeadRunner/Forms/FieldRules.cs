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
    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    // Area code 0 + 2–3 digits and a 7–8 digit number, separators removed: 0311-87903827, (010) 1234-5678.
    [GeneratedRegex(@"^0[0-9]{2,3}[0-9]{7,8}$")]
    private static partial Regex Landline();

    // Form.io's own e-mail expression (@formio/core validateEmail), read with JavaScript semantics.
    private static readonly Regex Email = new(JsRegex.Translate(
        """^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$"""),
        RegexOptions.CultureInvariant);

    /// <summary>China Standard Time: date-only limits start and end at midnight here, as Form.io's server (TZ=Asia/Shanghai) reads them.</summary>
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>
    /// Checks a present, non-empty scalar value; a select bound to a round list is checked against the round's lists.
    /// Returns the error message, or null when it passes.
    /// </summary>
    public static string? Check(FormComponent c, JsonNode value, RoundListSet? round = null) => c.Type switch
    {
        "textfield" or "textarea" => Text(c, value) ?? Mask(c, value.GetValue<string>()),
        "email" => Text(c, value) ?? (Email.IsMatch(value.GetValue<string>()) ? null : $"“{c.Label}”不是有效的电子邮箱地址。"),
        "phoneNumber" => Text(c, value) ?? Mask(c, value.GetValue<string>()) ?? Phone(c, value.GetValue<string>()),
        "uscc" => Text(c, value) ?? Uscc(c, value.GetValue<string>()),
        "number" or "currency" => Number(c, value),
        "checkbox" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : $"“{c.Label}”应为是或否。",
        "select" when c.RoundList is { } list => ListOption(c, list, value, round),
        "select" or "radio" => Option(c, value),
        "datetime" => Date(c, value),
        _ => null,
    };

    /// <summary>One item of a multiple-value field: a text item is only held to being text within the server's length cap.</summary>
    public static string? CheckItem(FormComponent c, JsonNode item, RoundListSet? round = null) => c.Type switch
    {
        "textfield" => item is JsonValue v && v.TryGetValue<string>(out var s)
            ? s.Length > DefaultTextFieldMaxLength ? $"“{c.Label}”最多 {DefaultTextFieldMaxLength} 个字，当前 {s.Length} 个字。" : null
            : $"“{c.Label}”应为文字。",
        _ => Check(c, item, round),
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

    /// <summary>
    /// Whether a value satisfies "required" as Form.io decides it (componentHasValue): blank text, an empty list, an
    /// object or list holding nothing but blanks, and for a checkbox <c>false</c>, are all no value.
    /// </summary>
    public static bool HasValue(FormComponent c, JsonNode? value) => Present(value, c.Type != "checkbox", c.Kind == ComponentKind.Grid);

    private static bool Present(JsonNode? value, bool falseCounts, bool skipObjects) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Null => false,
            JsonValueKind.String => v.GetValue<string>().Trim().Length > 0,
            JsonValueKind.False => falseCounts,
            _ => true,
        },
        JsonObject o => o.Count > 0 && (skipObjects || o.Any(p => Present(p.Value, falseCounts, skipObjects))),
        JsonArray a when !skipObjects => a.Any(i => Present(i, falseCounts, skipObjects)),
        JsonArray a => a.All(i => i is JsonObject)
            ? a.Any(i => ((JsonObject)i!).Any(p => Truthy(p.Value)))
            : a.Any(Truthy),
        _ => true,
    };

    // Form.io's hasValue for a grid row's cells: any number, non-empty text, true, or a non-empty object or list.
    private static bool Truthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            _ => true,
        },
        JsonObject o => o.Count > 0,
        JsonArray a => a.Count > 0,
        _ => true,
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
        // Words as Form.io counts them: the trimmed text split on runs of JavaScript whitespace.
        var words = s.Trim(JsWhitespace).Split(JsWhitespace, StringSplitOptions.RemoveEmptyEntries).Length;
        if (c.MinWords is { } minWords && s.Trim(JsWhitespace).Split(JsWhitespace).Length < minWords)
        {
            return $"“{c.Label}”至少 {minWords} 个词，当前 {words} 个词。";
        }
        if (c.MaxWords is { } maxWords && words > maxWords)
        {
            return $"“{c.Label}”最多 {maxWords} 个词，当前 {words} 个词。";
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

    /// <summary>JavaScript's <c>\s</c>: what Form.io trims and splits words on.</summary>
    public static readonly char[] JsWhitespace =
        ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
         '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];

    /// <summary>
    /// The input mask the browser applies, checked as Form.io does (validateMask): 9 a digit, A a letter, a a small
    /// letter, * a letter or digit, anything else itself; a value may be shorter only where JavaScript's test of
    /// "undefined" passes (a letter position).
    /// </summary>
    private static string? Mask(FormComponent c, string s)
    {
        if (c.InputMask is not { Length: > 0 } mask || s.Length == 0)
        {
            return null;
        }
        if (s.Length > mask.Length)
        {
            return $"“{c.Label}”应按格式 {mask} 填写。";
        }
        for (var i = 0; i < mask.Length; i++)
        {
            var ch = i < s.Length ? s[i].ToString() : "undefined";
            var ok = mask[i] switch
            {
                '9' => ch.Any(char.IsAsciiDigit),
                'A' => ch.Any(char.IsAsciiLetter),
                'a' => ch.Any(char.IsAsciiLetterLower),
                '*' => ch.Any(char.IsAsciiLetterOrDigit),
                '_' => ch == " ",
                var literal => ch == literal.ToString(),
            };
            if (!ok)
            {
                return $"“{c.Label}”应按格式 {mask} 填写。";
            }
        }
        return null;
    }

    // The mask's spaces, brackets and hyphens are layout: "(0311) 8790-3827" is 0311-87903827.
    private static string? Phone(FormComponent c, string s) =>
        Mobile().IsMatch(Digits(s)) || Landline().IsMatch(Digits(s))
            ? null
            : $"“{c.Label}”不是有效的电话号码：手机号为 1 开头的 11 位数字，固定电话须带区号，如 0311-87903827。";

    private static string Digits(string s) => string.Concat(s.Where(ch => ch is not (' ' or '(' or ')' or '-')));

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
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s) || !TryParseInstant(s, out var instant))
        {
            return $"“{c.Label}”不是有效的日期。";
        }
        if (c.MinDate is { } min && instant < min.Instant)
        {
            return $"“{c.Label}”不能早于 {min.Text}。";
        }
        if (c.MaxDate is { } max && instant > max.Instant)
        {
            return $"“{c.Label}”不能晚于 {max.Text}。";
        }
        return null;
    }

    // Parsed JSON converts to decimal directly; values built in code (an int, a double) are read from their JSON text.
    private static bool TryNumber(JsonValue v, out decimal n) =>
        v.TryGetValue(out n) || decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out n);

    private static readonly string[] LocalFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-ddTHH:mmzzz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz"];

    /// <summary>
    /// An ISO 8601 date or date-time, as Form.io stores it (<c>2024-09-01T00:00:00+08:00</c>); without an offset it is
    /// Beijing time, as Form.io's server reads it. Anything else ("2024年9月1日") is not a date.
    /// </summary>
    public static bool TryParseInstant(string s, out DateTimeOffset instant)
    {
        var text = s.EndsWith('Z') ? s[..^1] + "+00:00" : s;
        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
        {
            return true;
        }
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            instant = new DateTimeOffset(local, Beijing);
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

using System.Globalization;
using System.Text;

namespace LeadRunner.Hosting;

/// <summary>
/// Names and titles people read elsewhere (enterprises, clusters, display names): normalised to NFC, and refused when
/// they carry characters that hide or reorder text — control characters (NUL included), bidi overrides and isolates,
/// zero-width characters — so that "公司\u202Egnp.exe" cannot pass for another name.
/// </summary>
public static class TextHygiene
{
    /// <summary>
    /// Checks a name for field <paramref name="field"/> (labelled <paramref name="label"/> in the message). Returns null
    /// and the NFC form, trimmed, in <paramref name="normalised"/> when it is clean; else the Chinese reason.
    /// A null or blank value is clean (required-ness is the caller's rule).
    /// </summary>
    public static string? CheckName(string field, string label, string? value, out string normalised, int maxLength = 200)
    {
        normalised = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        // Normalisation throws on lone surrogates: they are refused first.
        if (!IsWellFormed(value))
        {
            return $"{label}（{field}）含有无效的字符编码。";
        }
        var text = value.Normalize(NormalizationForm.FormC).Trim();
        for (var i = 0; i < text.Length; i++)
        {
            if (Describe(text[i]) is { } what)
            {
                return $"{label}（{field}）含有不允许的{what}（第 {i + 1} 个字符，U+{(int)text[i]:X4}），请删除后重新输入。";
            }
        }
        if (text.Length > maxLength)
        {
            return $"{label}（{field}）不能超过 {maxLength} 个字符，当前 {text.Length} 个字符。";
        }
        normalised = text;
        return null;
    }

    /// <summary>What kind of forbidden character <paramref name="c"/> is, or null when it is allowed in a name.</summary>
    public static string? Describe(char c) => c switch
    {
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' => "文字方向控制字符",
        >= '\u200B' and <= '\u200D' or '\uFEFF' or '\u2060' or '\u180E' => "零宽字符",
        _ when char.IsControl(c) => "控制字符",
        _ when CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format => "不可见的格式字符",
        _ => null,
    };

    // Lone surrogates cannot be stored or shown faithfully.
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}

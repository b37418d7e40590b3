using System.Collections;
using System.Globalization;
using System.Net;
using LeadRunner.Forms;
using LeadRunner.Scripting;
using Scriban.Runtime;

namespace LeadRunner.Documents;

/// <summary>
/// The functions templates call to show a value (docs/templates.md). Each escapes HTML, and shows a missing value as
/// "（待填写）" — or, in a blank version, as an underlined space to fill by hand. None ever throws on odd data.
/// </summary>
internal static class DocumentHelpers
{
    public const string MissingText = "（待填写）";
    private const string MissingHtml = "<span class=\"missing\">" + MissingText + "</span>";
    private const string BlankHtml = "<span class=\"blank\">\u3000\u3000\u3000\u3000\u3000\u3000</span>";

    public static readonly ScriptObject Filled = Build(MissingHtml);
    public static readonly ScriptObject Blank = Build(BlankHtml);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    private static ScriptObject Build(string missing)
    {
        var functions = new ScriptObject();
        functions.Import("v", new Func<object?, string>(value => Text(value) is { } t ? Escape(t) : missing));
        functions.Import("has", new Func<object?, bool>(value => Text(value) is not null));
        functions.Import("num", new Func<object?, string>(value => Number(value) is { } d ? d.ToString("0.##", Invariant) : missing));
        functions.Import("money", new Func<object?, string>(value => Number(value) is { } d ? d.ToString("#,0.00", Invariant) : missing));
        functions.Import("wan", new Func<object?, string>(value => Number(value) is { } d ? (d / 10_000m).ToString("#,0.00", Invariant) : missing));
        functions.Import("pct", new Func<object?, string>(value => Number(value) is { } d ? d.ToString("0.##", Invariant) + "%" : missing));
        functions.Import("ratio", new Func<object?, object?, string>((part, whole) =>
            Number(part) is { } p && Number(whole) is { } w && w != 0 ? (p * 100 / w).ToString("0.00", Invariant) + "%" : missing));
        functions.Import("amount", new Func<object?, string>(value => Number(value) is { } d ? Amount(d) : missing));
        functions.Import("date", new Func<object?, string>(value => Date(value) is { } d ? d.ToString("yyyy年M月d日", Invariant) : missing));
        functions.Import("weekday", new Func<object?, string>(value => Date(value) is { } d ? Weekdays[(int)d.DayOfWeek] : missing));
        functions.Import("cn", new Func<object?, string>(value => Number(value) is { } d ? Chinese((int)d) : missing));
        functions.Import("yesno", new Func<object?, string>(value => value is bool b ? (b ? "是" : "否") : missing));
        functions.Import("check", new Func<object?, string>(value => value is true ? "☑" : "☐"));
        functions.Import("esc", new Func<object?, string>(value => Escape(Text(value) ?? "")));
        functions.IsReadOnly = true;
        return functions;
    }

    /// <summary>Most forms one render may read option labels from, so a template's loop cannot turn into many lookups.</summary>
    internal const int MaxFormsPerRender = 16;

    /// <summary>
    /// <c>option_label form key value</c> for one render: the labels of a select's or radio's stored values, read from
    /// the form's schema; anything it cannot find (form, component, value) prints the value itself.
    /// </summary>
    public static ScriptObject OptionLabels(FormOptionLabels? source, bool blank, int? year = null)
    {
        var missing = blank ? BlankHtml : MissingHtml;
        var forms = new Dictionary<string, FormOptionLabels.Options?>(StringComparer.Ordinal);
        FormOptionLabels.Options? Find(string form)
        {
            if (!forms.TryGetValue(form, out var options) && forms.Count < MaxFormsPerRender)
            {
                forms[form] = options = form.Length <= 64 ? source?.For(form, year) : null;
            }
            return options;
        }
        var functions = new ScriptObject();
        functions.Import("option_label", new Func<object?, object?, object?, string>((form, key, value) =>
        {
            if (Text(value) is null)
            {
                return missing;
            }
            var labels = form is string f && key is string k ? Find(f)?.Of(k) : null;
            var items = value is IEnumerable sequence and not string ? sequence.Cast<object?>() : [value];
            var shown = items.Select(item => labels is not null && FieldRules.AsComparable(ScriptData.ToNode(item)) is { } stored
                && labels.TryGetValue(stored, out var label) ? label : Text(item)).Where(t => t is not null).ToList();
            return Escape(string.Join("、", shown));
        }));
        functions.IsReadOnly = true;
        return functions;
    }

    /// <summary>The text of a value, or null when there is nothing to show.</summary>
    internal static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        bool b => b ? "是" : "否",
        decimal d => d.ToString("0.##", Invariant),
        ScriptObject => null,
        IFormattable f => f.ToString(null, Invariant),
        IEnumerable sequence => sequence.Cast<object?>().Select(Text).Where(t => t is not null).ToList() is { Count: > 0 } parts ? string.Join("、", parts) : null,
        _ => null,
    };

    private static decimal? Number(object? value) => value switch
    {
        decimal d => d,
        int or long or double or float => System.Convert.ToDecimal(value, Invariant),
        string s when decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, Invariant, out var d) => d,
        _ => null,
    };

    private static DateOnly? Date(object? value) =>
        value is string s && s.Length >= 10 && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A sum of money as officials write it: 500万元, 50亿元, 1,500元.</summary>
    private static string Amount(decimal yuan) => yuan switch
    {
        >= 100_000_000m when yuan % 10_000_000m == 0 => (yuan / 100_000_000m).ToString("0.#", Invariant) + "亿元",
        >= 10_000m when yuan % 100m == 0 => (yuan / 10_000m).ToString("0.##", Invariant) + "万元",
        _ => yuan.ToString("#,0.##", Invariant) + "元",
    };

    /// <summary>1 → 一, 10 → 十, 18 → 十八, 25 → 二十五 (chapter and item numbers).</summary>
    internal static string Chinese(int n) => n switch
    {
        < 0 or > 99 => n.ToString(Invariant),
        < 10 => Digits[n],
        10 => "十",
        < 20 => "十" + Digits[n % 10],
        _ => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}

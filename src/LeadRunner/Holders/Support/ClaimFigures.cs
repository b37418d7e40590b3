using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Programmes.Support;

namespace LeadRunner.Holders.Support;

/// <summary>
/// What one support claim states, per kind: last year's equipment investment; a completed merger (date, parties); the
/// revenue before and after a merger; a first top-500 entry (list, year). Read from the support-claim form's data (or
/// the API's body, which has the same keys) with a Chinese message per field; <see cref="Values"/> keeps only the
/// kind's own figures, as stored with the claim.
/// </summary>
public sealed record ClaimFigures(SupportKind Kind, JsonObject Values)
{
    public const int PartiesMaxLength = 500;
    public const int DescriptionMaxLength = 2000;

    /// <summary>The question put to the round's support calculator for this claim.</summary>
    public SupportRequest ToRequest(int year) => Kind switch
    {
        SupportKind.Equipment => new SupportRequest(year, Number(Values, "equipmentInvestment"), null, null, null, null),
        SupportKind.Merger => new SupportRequest(year, null, true, null, null, null),
        SupportKind.RevenueMilestone => new SupportRequest(year, null, null, Number(Values, "revenueBefore"), Number(Values, "revenueAfter"), null),
        _ => new SupportRequest(year, null, null, null, null, true),
    };

    public static (ClaimFigures? Figures, Dictionary<string, string[]> Errors) Read(JsonObject data, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(data);
        var errors = new Dictionary<string, string[]>();
        var kindName = Text(data, "kind");
        if (kindName is null)
        {
            errors["kind"] = ["请选择申请类别。" + SupportKinds.UnknownKind];
            return (null, errors);
        }
        if (!SupportKinds.ByName.TryGetValue(kindName, out var kind))
        {
            errors["kind"] = [$"申请类别“{kindName}”不存在。{SupportKinds.UnknownKind}"];
            return (null, errors);
        }
        var values = new JsonObject { ["kind"] = kindName };
        switch (kind)
        {
            case SupportKind.Equipment:
                Amount(data, "equipmentInvestment", "上年度设备投入（元）", mustBePositive: true, values, errors);
                break;
            case SupportKind.Merger:
                MergerDate(data, today, values, errors);
                Words(data, "mergerParties", "并购重组各方", PartiesMaxLength, required: true, values, errors);
                break;
            case SupportKind.RevenueMilestone:
                Amount(data, "revenueBefore", "并购重组前的年营业收入（元）", mustBePositive: false, values, errors);
                Amount(data, "revenueAfter", "并购重组后的年营业收入（元）", mustBePositive: true, values, errors);
                break;
            case SupportKind.Top500:
                Top500(data, today, values, errors);
                break;
        }
        Words(data, "description", "情况说明", DescriptionMaxLength, required: false, values, errors);
        return errors.Count > 0 ? (null, errors) : (new ClaimFigures(kind, values), errors);
    }

    private static void Amount(JsonObject data, string key, string label, bool mustBePositive, JsonObject values, Dictionary<string, string[]> errors)
    {
        if (data[key] is null)
        {
            errors[key] = [$"请填写{label}。"];
        }
        else if (Number(data, key) is not { } amount)
        {
            errors[key] = [$"“{label}”应为数字。"];
        }
        else if (amount < 0 || (mustBePositive && amount == 0))
        {
            errors[key] = [mustBePositive ? $"“{label}”应大于 0。" : $"“{label}”不能为负数。"];
        }
        else
        {
            values[key] = amount;
        }
    }

    private static void MergerDate(JsonObject data, DateOnly today, JsonObject values, Dictionary<string, string[]> errors)
    {
        if (Text(data, "mergerDate") is not { } text)
        {
            errors["mergerDate"] = ["请填写并购重组完成日期。"];
        }
        else if (!FieldRules.TryParseInstant(text, out var instant))
        {
            errors["mergerDate"] = [$"并购重组完成日期“{text}”不是有效的日期，应写成如 2024-06-30。"];
        }
        else if (instant.TodayIn() is var date && date > today)
        {
            errors["mergerDate"] = [$"并购重组完成日期（{date:yyyy-MM-dd}）不能晚于今天：只有已完成的并购重组才能申请激励。"];
        }
        else
        {
            values["mergerDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    private static void Top500(JsonObject data, DateOnly today, JsonObject values, Dictionary<string, string[]> errors)
    {
        var list = Text(data, "top500List");
        if (list is null || !SupportKinds.Top500Lists.Contains(list))
        {
            errors["top500List"] = [list is null ? "请选择所进入的 500 强榜单。" : $"榜单“{list}”不在可选范围内，应为{string.Join("或", SupportKinds.Top500Lists)}。"];
        }
        else
        {
            values["top500List"] = list;
        }
        var year = Number(data, "top500Year");
        if (data["top500Year"] is null)
        {
            errors["top500Year"] = ["请填写首次入榜的榜单年度。"];
        }
        else if (year is not { } y || y != decimal.Truncate(y) || y < 2000 || y > today.Year)
        {
            errors["top500Year"] = [$"首次入榜的榜单年度应为 2000 至 {today.Year.ToString(CultureInfo.InvariantCulture)} 之间的年份。"];
        }
        else
        {
            values["top500Year"] = (int)y;
        }
    }

    private static void Words(JsonObject data, string key, string label, int max, bool required, JsonObject values, Dictionary<string, string[]> errors)
    {
        var text = Text(data, key);
        if (text is null)
        {
            if (required)
            {
                errors[key] = [$"请填写{label}。"];
            }
        }
        else if (text.Length > max)
        {
            errors[key] = [$"“{label}”最多 {max.ToString(CultureInfo.InvariantCulture)} 个字，当前 {text.Length.ToString(CultureInfo.InvariantCulture)} 个字。"];
        }
        else
        {
            values[key] = text;
        }
    }

    private static string? Text(JsonObject data, string key) =>
        data[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;

    // A figure given as a JSON number; the form and the API both send numbers, never text.
    private static decimal? Number(JsonObject data, string key) =>
        data[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && (v.TryGetValue<decimal>(out var n) || decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out n)) ? n : null;
}

using System.Globalization;

namespace LeadRunner.Rounds.Cases;

public enum CaseSort
{
    Name,
    Unit,
    Step,
    Submitted,
    DueAt,
}

/// <summary>
/// A work list's filter (step, unit, county, status, eligibility, overdue, search), order and page, shared by the
/// JSON list, the Excel export and the page. Parsed against the choices the actor has, so an unknown value is a
/// 400 naming its parameter, never an empty list that looks like "no cases".
/// </summary>
public sealed record CaseFilter(string? Step, string? Unit, string? County, string? Status, string? Eligible, bool? Overdue, string? Q,
    CaseSort Sort, bool Descending, int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The eligibility filter's values: the verdict's eligible flag, or no verdict (never checked, or the figures were refused).</summary>
    public static readonly IReadOnlyDictionary<string, string> EligibleValues = new Dictionary<string, string>
    {
        ["true"] = "符合",
        ["false"] = "不符合",
        ["unknown"] = "未核验",
    };

    public static readonly IReadOnlyDictionary<string, CaseSort> SortKeys = new Dictionary<string, CaseSort>
    {
        ["name"] = CaseSort.Name,
        ["unit"] = CaseSort.Unit,
        ["step"] = CaseSort.Step,
        ["submitted"] = CaseSort.Submitted,
        ["dueAt"] = CaseSort.DueAt,
    };

    public sealed record Raw(string? Step, string? Unit, string? County, string? Status, string? Eligible, string? Overdue, string? Q,
        string? Sort, string? Page, string? PageSize);

    public static (CaseFilter? Filter, Dictionary<string, string[]> Errors) Parse(Raw raw, CaseChoices choices)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(choices);
        var errors = new Dictionary<string, string[]>();
        var step = OneOf(raw.Step, "step", "环节", choices.Steps.Keys, errors);
        var unit = OneOf(raw.Unit, "unit", "报送单位", choices.Units.Keys, errors);
        var county = OneOf(raw.County, "county", "县（市、区）", choices.Counties.Keys, errors);
        var status = OneOf(raw.Status, "status", "状态", choices.Statuses.Keys, errors);
        var eligible = OneOf(raw.Eligible, "eligible", "认定条件", EligibleValues.Keys, errors);
        bool? overdue = Blank(raw.Overdue) ? null : raw.Overdue!.Trim() switch
        {
            "true" => true,
            "false" => false,
            _ => Error(errors, "overdue", "是否逾期（overdue）应为 true 或 false。"),
        };
        var q = Blank(raw.Q) ? null : raw.Q!.Trim();
        if (q is { Length: > 100 })
        {
            errors["q"] = ["查找内容（q）不能超过 100 个字。"];
        }
        var sort = CaseSort.Name;
        var descending = false;
        if (!Blank(raw.Sort))
        {
            var key = raw.Sort!.Trim();
            descending = key.StartsWith('-');
            if (!SortKeys.TryGetValue(descending ? key[1..] : key, out sort))
            {
                errors["sort"] = [$"排序（sort）“{raw.Sort}”不可用：可选 {string.Join("、", SortKeys.Keys)}，前加“-”为倒序。"];
            }
        }
        var page = Whole(raw.Page, "page", "页码", int.MaxValue, 1, errors);
        var pageSize = Whole(raw.PageSize, "pageSize", "每页条数", MaxPageSize, DefaultPageSize, errors);
        return errors.Count > 0 ? (null, errors) : (new CaseFilter(step, unit, county, status, eligible, overdue, q, sort, descending, page, pageSize), errors);
    }

    /// <summary>The filter as query-string values for links (export, another page, another order); the defaults are left out.</summary>
    public Dictionary<string, string?> ToRouteValues(int? page = null, string? sort = null) => new()
    {
        ["step"] = Step,
        ["unit"] = Unit,
        ["county"] = County,
        ["status"] = Status,
        ["eligible"] = Eligible,
        ["overdue"] = Overdue is { } overdue ? (overdue ? "true" : "false") : null,
        ["q"] = Q,
        ["sort"] = sort ?? SortValue,
        ["page"] = page is null or 1 ? null : page.Value.ToString(CultureInfo.InvariantCulture),
        ["pageSize"] = PageSize == DefaultPageSize ? null : PageSize.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The filter in words, for the audit entry of an export: each condition set, by name, or that there is none.</summary>
    public string Describe(CaseChoices choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var parts = new List<string>();
        void Add(string label, string? value) { if (value is not null) { parts.Add($"{label}：{value}"); } }
        Add("环节", Step is null ? null : choices.StepTitle(Step));
        Add("报送单位", Unit is null ? null : choices.UnitName(Unit));
        Add("县（市、区）", County is null ? null : choices.Counties.GetValueOrDefault(County, County));
        Add("状态", Status is null ? null : choices.StatusLabel(Status));
        Add("认定条件", Eligible is null ? null : EligibleValues[Eligible]);
        Add("是否逾期", Overdue is null ? null : Overdue.Value ? "逾期" : "未逾期");
        Add("查找", Q);
        return parts.Count == 0 ? "筛选：无（管辖范围内全部案件）" : "筛选：" + string.Join("；", parts);
    }

    /// <summary>This filter's order as the sort parameter, null for the default (name, ascending).</summary>
    public string? SortValue => Sort == CaseSort.Name && !Descending ? null : (Descending ? "-" : "") + SortKeys.First(k => k.Value == Sort).Key;

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static bool? Error(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }

    private static string? OneOf(string? text, string field, string label, IEnumerable<string> allowed, Dictionary<string, string[]> errors)
    {
        if (Blank(text))
        {
            return null;
        }
        var value = text!.Trim();
        if (allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }
        errors[field] = [$"{label}（{field}）“{text}”不存在或不在您的管辖范围内。"];
        return null;
    }

    private static int Whole(string? text, string field, string label, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (Blank(text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }
        errors[field] = [$"{label}（{field}）应为 1 到 {max} 之间的整数。"];
        return fallback;
    }
}

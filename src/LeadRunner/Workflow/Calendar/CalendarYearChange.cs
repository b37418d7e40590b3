namespace LeadRunner.Workflow.Calendar;

/// <summary>A year's special days as the API and the import form take them: date → name of the holiday.</summary>
public sealed record CalendarYearBody(Dictionary<string, string?>? Holidays, Dictionary<string, string?>? AdjustedWorkdays);

/// <summary>Checks a whole year of special days before it replaces the stored one; every problem names its date.</summary>
public static class CalendarYearChange
{
    public const int MaxNameLength = 40;

    public static (IReadOnlyList<CalendarDay> Days, Dictionary<string, string[]> Errors) Validate(int year, CalendarYearBody? body)
    {
        var errors = new Dictionary<string, List<string>>();
        var days = new List<CalendarDay>();
        if (!CalendarDates.IsEditableYear(year))
        {
            Add(errors, "year", CalendarDates.YearRangeMessage);
        }
        else if (body is null)
        {
            Add(errors, "body", "请提交该年的节假日和调休上班日，格式为 {\"holidays\": {…}, \"adjustedWorkdays\": {…}}。");
        }
        else
        {
            // Both lists are required, so that a misspelt key cannot silently empty half of a year.
            if (body.Holidays is null)
            {
                Add(errors, "holidays", "缺少“holidays”（节假日）；没有时请填 {}。");
            }
            if (body.AdjustedWorkdays is null)
            {
                Add(errors, "adjustedWorkdays", "缺少“adjustedWorkdays”（调休上班日）；没有时请填 {}。");
            }
            Read(year, "holidays", body.Holidays, CalendarDayKind.Holiday, days, errors);
            Read(year, "adjustedWorkdays", body.AdjustedWorkdays, CalendarDayKind.AdjustedWorkday, days, errors);
            foreach (var both in days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
            {
                Add(errors, $"adjustedWorkdays[{both.Key.Text()}]", $"{both.Key.Text()} 不能既是节假日又是调休上班日。");
            }
        }
        return (days.OrderBy(d => d.Date).ToList(), errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>The message for a name that is empty or too long, or null when the name is acceptable.</summary>
    public static string? CheckName(string? name, string? date = null) =>
        (name?.Trim().Length ?? 0) is >= 1 and <= MaxNameLength
            ? null
            : $"{(date is null ? "" : date + " 的")}名称应为 1～{MaxNameLength} 个字符（如“国庆节”）。";

    private static void Read(int year, string list, Dictionary<string, string?>? entries, CalendarDayKind kind,
        List<CalendarDay> days, Dictionary<string, List<string>> errors)
    {
        foreach (var (key, name) in entries ?? [])
        {
            var field = $"{list}[{key}]";
            if (!CalendarDates.TryParse(key, out var date))
            {
                Add(errors, field, $"“{key}”不是有效日期，应为 YYYY-MM-DD 格式（如 {year}-10-01）。");
                continue;
            }
            if (date.Year != year)
            {
                Add(errors, field, $"{key} 不在 {year} 年内。");
                continue;
            }
            if (CheckName(name, key) is { } problem)
            {
                Add(errors, field, problem);
                continue;
            }
            days.Add(new CalendarDay { Date = date, Kind = kind, Name = name!.Trim() });
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }
        messages.Add(message);
    }
}

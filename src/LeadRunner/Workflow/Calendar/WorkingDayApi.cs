using System.Globalization;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Workflow.Calendar;

/// <summary>
/// Anonymous questions to the calendar. Query values are bound as text and read here, so that a malformed date
/// gets a Chinese message naming the parameter instead of the framework's English one.
/// </summary>
public static class WorkingDayApi
{
    public const int MaxDays = 3650;

    public sealed record PeriodDto(DateOnly Start, DateOnly End);
    public sealed record WorkingDayDto(DateOnly Date, bool WorkingDay, string Reason);

    public static Results<Ok<PeriodDto>, ValidationProblem> GetPeriod(string? start, string? days, WorkingDayCalendar calendar)
    {
        var (period, errors) = Period(start, days, calendar);
        return period is null ? ApiProblems.Invalid(errors) : TypedResults.Ok(period);
    }

    /// <summary>
    /// The period, or every wrong parameter with its message; the API and the calendar page both read the values
    /// here, so a page check and a script get the same answer.
    /// </summary>
    public static (PeriodDto? Period, Dictionary<string, string[]> Errors) Period(string? start, string? days, WorkingDayCalendar calendar)
    {
        var errors = new Dictionary<string, string[]>();
        var from = ReadDate("start", "起始日期", start, errors);
        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxDays)
        {
            errors["days"] = [$"工作日天数（days）应为 1～{MaxDays} 之间的整数。"];
        }
        if (from is null || errors.Count > 0)
        {
            return (null, errors);
        }
        try
        {
            var (first, end) = calendar.Period(from.Value, count);
            return (new PeriodDto(first, end), errors);
        }
        catch (ArgumentOutOfRangeException)
        {
            errors["start"] = ["期限超出了可计算的日期范围。"];
            return (null, errors);
        }
    }

    public static Results<Ok<WorkingDayDto>, ValidationProblem> GetIsWorkingDay(string? date, WorkingDayCalendar calendar)
    {
        var errors = new Dictionary<string, string[]>();
        if (ReadDate("date", "日期", date, errors) is not { } day)
        {
            return ApiProblems.Invalid(errors);
        }
        var (workingDay, reason) = calendar.Explain(day);
        return TypedResults.Ok(new WorkingDayDto(day, workingDay, reason));
    }

    private static DateOnly? ReadDate(string parameter, string label, string? value, Dictionary<string, string[]> errors)
    {
        if (CalendarDates.TryParse(value, out var date))
        {
            return date;
        }
        errors[parameter] = [string.IsNullOrEmpty(value)
            ? $"请提供{label}（{parameter}），格式为 YYYY-MM-DD。"
            : $"{label}（{parameter}）“{value}”无效，应为 YYYY-MM-DD 格式的日期，如 2024-10-08。"];
        return null;
    }
}

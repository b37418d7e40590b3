using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Calendar;

/// <summary>How calendar dates are written and read in the API, the admin page and the data file.</summary>
public static class CalendarDates
{
    public const string Format = "yyyy-MM-dd";

    // The calendar is edited a year at a time; outside this range a year is a typing error, not a plan.
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    private static readonly string[] WeekdayNames = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>Reads exactly YYYY-MM-DD, so "2024-9-1" or "2024/09/01" are refused rather than guessed at.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Text(this DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string WeekdayName(this DateOnly date) => WeekdayNames[(int)date.DayOfWeek];

    public static string KindName(this CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "节假日",
        CalendarDayKind.AdjustedWorkday => "调休上班",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool IsEditableYear(int year) => year is >= FirstYear and <= LastYear;

    public static string YearRangeMessage => $"年份应在 {FirstYear}～{LastYear} 之间。";
}

public static class CalendarDayQueries
{
    /// <summary>A year's special days, in date order, read-only.</summary>
    public static IQueryable<CalendarDay> ReadYear(this IQueryable<CalendarDay> days, int year)
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return days.Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).AsNoTracking();
    }
}

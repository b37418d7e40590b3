using System.Globalization;
using LeadRunner.Workflow.Calendar;

namespace LeadRunner.Tests.Workflow.Calendar;

/// <summary>The calendar over the published 2024–2026 arrangements; every expected date was checked against the JSON.</summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Published = new(CalendarSeed.ReadEmbedded);

    private static DateOnly D(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // National Day 2024: Fri 9-27 is day 1, Sun 9-29 (调休) day 2, Mon 9-30 day 3, 10-01..07 off, 10-08 day 4, 10-09 day 5.
    [InlineData("2024-09-27", 5, "2024-09-27", "2024-10-09")]
    // Starting inside the holiday moves to Tue 10-08; 10-08, 09, 10, 11 and Sat 10-12 (调休) are days 1–5.
    [InlineData("2024-10-01", 5, "2024-10-08", "2024-10-12")]
    // Spring Festival 2026: Fri 2-13 day 1, Sat 2-14 (调休) day 2, 2-15..23 off, then 2-24, 25, 26.
    [InlineData("2026-02-13", 5, "2026-02-13", "2026-02-26")]
    // Starting inside it moves to Tue 2-24; Sat 2-28 (调休) is day 5.
    [InlineData("2026-02-15", 5, "2026-02-24", "2026-02-28")]
    [InlineData("2026-02-10", 10, "2026-02-10", "2026-02-28")]
    // 元旦 2025 is one day (Wed 1-01) and Sat 1-04 is an ordinary weekend: 12-30, 12-31, 1-02, 1-03, 1-06.
    [InlineData("2024-12-30", 5, "2024-12-30", "2025-01-06")]
    [InlineData("2024-12-30", 3, "2024-12-30", "2025-01-02")]
    // 元旦 2026 is 1-01..03 with Sun 1-04 (调休) a working day: 12-31, 1-04, 1-05, 1-06, 1-07.
    [InlineData("2025-12-31", 5, "2025-12-31", "2026-01-07")]
    [InlineData("2025-12-31", 2, "2025-12-31", "2026-01-04")]
    // A weekend start moves to Monday; a weekend before 端午 (Mon 2024-06-10) moves to Tuesday.
    [InlineData("2024-12-28", 1, "2024-12-30", "2024-12-30")]
    [InlineData("2024-06-08", 1, "2024-06-11", "2024-06-11")]
    [InlineData("2025-12-27", 5, "2025-12-29", "2026-01-05")]
    public void Period_PublishedData_CountsStartAsDayOne(string start, int days, string first, string end)
    {
        Assert.Equal((D(first), D(end)), Published.Period(D(start), days));
        Assert.Equal(D(end), Published.AddWorkingDays(D(start), days));
    }

    [Theory]
    [InlineData("2024-09-29")] // Sunday, 国庆节调休
    [InlineData("2026-02-14")] // Saturday, 春节调休
    [InlineData("2024-10-09")] // ordinary Wednesday
    public void Period_OneDayFromWorkingDay_IsThatDay(string date) =>
        Assert.Equal((D(date), D(date)), Published.Period(D(date), 1));

    [Fact]
    public void Period_StartOnAdjustedWeekend_CountsItAsDayOne()
    {
        // Sat 2026-02-14 is day 1; then the holiday until 2-23, and 2-24..27 are days 2–5.
        Assert.Equal((D("2026-02-14"), D("2026-02-27")), Published.Period(D("2026-02-14"), 5));
        // Sun 2024-09-29 day 1, Mon 9-30 day 2, Tue 10-08 day 3.
        Assert.Equal((D("2024-09-29"), D("2024-10-08")), Published.Period(D("2024-09-29"), 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Period_DaysBelowOne_Throws(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Published.Period(D("2024-10-08"), days));

    [Theory]
    [InlineData("2024-10-01", false, "国庆节假期")]
    [InlineData("2024-10-05", false, "国庆节假期")]
    [InlineData("2025-10-06", false, "中秋假期")]
    [InlineData("2024-09-29", true, "国庆节调休上班")]
    [InlineData("2026-02-14", true, "春节调休上班")]
    [InlineData("2026-01-04", true, "元旦调休上班")]
    [InlineData("2024-09-28", false, "周末")]
    [InlineData("2024-09-30", true, "工作日")]
    public void Explain_GivesTheChineseReason(string date, bool workingDay, string reason)
    {
        Assert.Equal((workingDay, reason), Published.Explain(D(date)));
        Assert.Equal(workingDay, Published.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2030-06-01", false)] // Saturday
    [InlineData("2030-06-03", true)] // Monday
    [InlineData("2023-10-02", true)] // before the data: the Monday–Friday rule alone
    public void IsWorkingDay_OutsideTheData_FollowsMondayToFriday(string date, bool expected) =>
        Assert.Equal(expected, Published.IsWorkingDay(D(date)));

    [Fact]
    public void NextWorkingDay_ReturnsTheDayItselfOrTheFirstAfter()
    {
        Assert.Equal(D("2024-10-08"), Published.NextWorkingDay(D("2024-10-01")));
        Assert.Equal(D("2024-09-29"), Published.NextWorkingDay(D("2024-09-29")));
        Assert.Equal(D("2026-01-04"), Published.NextWorkingDay(D("2026-01-01")));
    }

    [Fact]
    public void AddCalendarDays_IgnoresHolidays() =>
        Assert.Equal(D("2024-10-08"), Published.AddCalendarDays(D("2024-09-30"), 8));

    [Fact]
    public void PublishedData_EveryHolidayIsOffAndEveryAdjustedDayIsWorked()
    {
        foreach (var day in CalendarSeed.ReadEmbedded())
        {
            Assert.Equal(day.Kind == CalendarDayKind.AdjustedWorkday, Published.IsWorkingDay(day.Date));
        }
    }
}

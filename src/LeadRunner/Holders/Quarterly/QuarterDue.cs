using System.Text.Json.Nodes;
using LeadRunner.Programmes;
using LeadRunner.Workflow.Calendar;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// When a quarter's update is due (第十五条), by the settings of the round the case runs in: N calendar days after the
/// quarter ends (15: Q3 → 15 Oct, Q4 → 15 Jan); for a listed company whose disclosure of the quarterly report is
/// recorded, M working days after that date (5), the first working day after the disclosure being day 1.
/// </summary>
public sealed class QuarterDue(ProgrammeSettings programmes, WorkingDayCalendar calendar)
{
    public const int DefaultCalendarDays = 15;
    public const int DefaultListedWorkingDays = 5;
    public const int DefaultGraceDays = 30;

    public DateOnly DueDate(QuarterPeriod quarter, int? year, DateOnly? disclosure = null)
    {
        var settings = year is { } y ? programmes.ForYear(y) : null;
        return disclosure is { } disclosed
            ? calendar.Period(disclosed.AddDays(1), ListedWorkingDays(year)).End
            : quarter.LastDay.AddDays(Setting(settings, "calendarDaysAfterQuarterEnd", DefaultCalendarDays));
    }

    /// <summary>
    /// The due date of a quarter planned on <paramref name="today"/>: the rule's, unless that has passed already (the
    /// planner was not running when the quarter ended); then the usual number of days from today, as nobody asked before.
    /// </summary>
    public DateOnly PlannedDueDate(QuarterPeriod quarter, int? year, DateOnly today)
    {
        var due = DueDate(quarter, year);
        return due >= today ? due : today.AddDays(Setting(year is { } y ? programmes.ForYear(y) : null, "calendarDaysAfterQuarterEnd", DefaultCalendarDays));
    }

    /// <summary>Working days after a listed company's disclosure within which its update is due.</summary>
    public int ListedWorkingDays(int? year) =>
        Setting(year is { } y ? programmes.ForYear(y) : null, "listedWorkingDaysAfterDisclosure", DefaultListedWorkingDays);

    /// <summary>Calendar days after the due date before an update still missing raises a revocation case (noReport).</summary>
    public int GraceDays(int? year) =>
        Setting(year is { } y ? programmes.ForYear(y) : null, "graceDays", DefaultGraceDays);

    private static int Setting(JsonObject? settings, string name, int fallback) =>
        ProgrammeSettings.Read(settings, $"quarterlyUpdate.{name}") is JsonValue v && v.TryGetValue<int>(out var days) && days > 0 ? days : fallback;
}

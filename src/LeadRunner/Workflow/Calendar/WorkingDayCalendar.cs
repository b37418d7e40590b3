using System.Collections.Frozen;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Calendar;

/// <summary>
/// Working days under the State Council's holiday arrangements (法定节假日 and 调休上班), for every deadline and
/// period of the programme. Holds the special days in memory; <see cref="Invalidate"/> after an edit reloads them.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Func<IEnumerable<CalendarDay>> _load;
    private readonly Lock _gate = new();
    private volatile FrozenDictionary<DateOnly, CalendarDay>? _days;

    public WorkingDayCalendar(IServiceScopeFactory scopes) => _load = () =>
    {
        using var scope = scopes.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().CalendarDays.AsNoTracking()];
    };

    /// <summary>A calendar over a fixed set of days, for tests and tools without a database.</summary>
    internal WorkingDayCalendar(Func<IEnumerable<CalendarDay>> load) => _load = load;

    public bool IsWorkingDay(DateOnly date) => Days.TryGetValue(date, out var special)
        ? special.Kind == CalendarDayKind.AdjustedWorkday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public (bool WorkingDay, string Reason) Explain(DateOnly date)
    {
        if (Days.TryGetValue(date, out var special))
        {
            return special.Kind == CalendarDayKind.Holiday ? (false, $"{special.Name}假期") : (true, $"{special.Name}调休上班");
        }
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? (false, "周末") : (true, "工作日");
    }

    /// <summary>The date itself when it is a working day, otherwise the first working day after it.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }
        return date;
    }

    /// <summary>
    /// A period of <paramref name="days"/> working days "from" a date, as the programme counts it: a start that is not
    /// a working day moves to the next one, the start is day 1 and the end is day N.
    /// </summary>
    public (DateOnly Start, DateOnly End) Period(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var first = NextWorkingDay(start);
        var end = first;
        for (var counted = 1; counted < days;)
        {
            end = end.AddDays(1);
            if (IsWorkingDay(end))
            {
                counted++;
            }
        }
        return (first, end);
    }

    /// <summary>The last day of a period of <paramref name="days"/> working days starting on <paramref name="start"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days) => Period(start, days).End;

    public DateOnly AddCalendarDays(DateOnly start, int days) => start.AddDays(days);

    /// <summary>Drops the cached days; the next question reloads them from the database.</summary>
    public void Invalidate()
    {
        // Taken under the lock so that a load already under way cannot publish data older than this edit.
        lock (_gate)
        {
            _days = null;
        }
    }

    private FrozenDictionary<DateOnly, CalendarDay> Days
    {
        get
        {
            if (_days is { } days)
            {
                return days;
            }
            lock (_gate)
            {
                return _days ??= _load().ToFrozenDictionary(d => d.Date);
            }
        }
    }
}

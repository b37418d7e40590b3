using LeadRunner.Workflow.Calendar;

namespace LeadRunner.Tests.Workflow.Calendar;

/// <summary>The calendar's memory of the special days: loaded once, shared by threads, reloaded after edits.</summary>
public class WorkingDayCalendarCacheTests
{
    private static readonly DateOnly NewYear2030 = new(2030, 1, 1);
    private readonly List<CalendarDay> _stored = [];
    private int _loads;

    private WorkingDayCalendar Create() => new(() =>
    {
        Interlocked.Increment(ref _loads);
        Thread.Sleep(20); // widen the window in which concurrent first callers would load twice
        return [.. _stored];
    });

    [Fact]
    public void Calendar_ManyConcurrentQuestions_LoadsOnce()
    {
        var calendar = Create();
        Parallel.For(0, 200, i => calendar.IsWorkingDay(NewYear2030.AddDays(i)));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public void Calendar_EditWithoutInvalidate_KeepsAnsweringFromMemory()
    {
        var calendar = Create();
        Assert.True(calendar.IsWorkingDay(NewYear2030));
        _stored.Add(new CalendarDay { Date = NewYear2030, Kind = CalendarDayKind.Holiday, Name = "元旦" });
        Assert.True(calendar.IsWorkingDay(NewYear2030));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public void Invalidate_AfterEdit_ReloadsTheDays()
    {
        var calendar = Create();
        Assert.Equal((true, "工作日"), calendar.Explain(NewYear2030));
        _stored.Add(new CalendarDay { Date = NewYear2030, Kind = CalendarDayKind.Holiday, Name = "元旦" });
        _stored.Add(new CalendarDay { Date = new DateOnly(2030, 1, 5), Kind = CalendarDayKind.AdjustedWorkday, Name = "元旦" });

        calendar.Invalidate();

        Assert.Equal((false, "元旦假期"), calendar.Explain(NewYear2030));
        Assert.Equal((true, "元旦调休上班"), calendar.Explain(new DateOnly(2030, 1, 5)));
        Assert.Equal((new DateOnly(2030, 1, 2), new DateOnly(2030, 1, 5)), calendar.Period(NewYear2030, 4));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public void Period_LongSpan_StaysFast()
    {
        var calendar = new WorkingDayCalendar(CalendarSeed.ReadEmbedded);
        calendar.IsWorkingDay(NewYear2030);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            calendar.Period(new DateOnly(2024, 1, 1).AddDays(i), 250);
        }
        // 1,000 periods of a working year each: in-memory lookups only, far below a second even on a slow runner.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}

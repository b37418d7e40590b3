using LeadRunner.Holders.Quarterly;
using LeadRunner.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Holders.Quarterly;

/// <summary>When a quarter's update is due (第十五条), by the 2024 round's settings and the working-day calendar in the repository.</summary>
public class QuarterDueTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private QuarterDue Due => factory.Services.GetRequiredService<QuarterDue>();

    [Theory]
    [InlineData("2024Q1", "2024-04-15")]
    [InlineData("2024Q2", "2024-07-15")]
    [InlineData("2024Q3", "2024-10-15")]
    [InlineData("2024Q4", "2025-01-15")] // Q4 is due in January of the next year
    public void CalendarRule_FifteenDaysAfterTheQuarterEnds(string period, string due)
    {
        Assert.True(QuarterPeriod.TryParse(period, out var quarter));
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Due.DueDate(quarter, 2024));
    }

    [Fact]
    public void ListedCompany_FiveWorkingDaysAfterDisclosure_AcrossSpringFestivalAndItsWorkingSaturday()
    {
        // Disclosed Monday 2025-01-27: 01-28..02-04 are the Spring Festival holiday; 02-05, 02-06, 02-07 are days 1–3,
        // Saturday 02-08 is a 调休 working day (day 4), Sunday 02-09 is not, Monday 02-10 is day 5.
        Assert.Equal(new DateOnly(2025, 2, 10), Due.DueDate(new QuarterPeriod(2024, 4), 2024, new DateOnly(2025, 1, 27)));
        // Disclosed Thursday 2024-10-10, after National Day: 10-11 day 1, Saturday 10-12 (调休) day 2, 10-14..16 days 3–5.
        Assert.Equal(new DateOnly(2024, 10, 16), Due.DueDate(new QuarterPeriod(2024, 3), 2024, new DateOnly(2024, 10, 10)));
        // Disclosed on the last day before National Day: the holiday 10-01..07 counts nothing, 10-08..12 are days 1–5.
        Assert.Equal(new DateOnly(2024, 10, 12), Due.DueDate(new QuarterPeriod(2024, 3), 2024, new DateOnly(2024, 9, 30)));
    }

    [Fact]
    public void GraceDays_ComeFromTheRoundsSettings()
    {
        Assert.Equal(30, Due.GraceDays(2024));
        Assert.Equal(5, Due.ListedWorkingDays(2024));
    }

    [Theory]
    [InlineData("2024Q3", 2024, 3, "2024年第三季度", "2024-07-01", "2024-09-30")]
    [InlineData("2025q1", 2025, 1, "2025年第一季度", "2025-01-01", "2025-03-31")]
    public void Period_ParsesAndNamesItsQuarter(string text, int year, int q, string title, string first, string last)
    {
        Assert.True(QuarterPeriod.TryParse(text, out var quarter));
        Assert.Equal((year, q, title), (quarter.Year, quarter.Quarter, quarter.Title));
        Assert.Equal((first, last), (quarter.FirstDay.ToString("yyyy-MM-dd", null), quarter.LastDay.ToString("yyyy-MM-dd", null)));
        Assert.Equal($"{year}Q{q}", quarter.ToString());
    }

    [Theory]
    [InlineData("2024Q5")]
    [InlineData("2024-3")]
    [InlineData("Q3")]
    [InlineData("")]
    [InlineData(null)]
    public void Period_Malformed_IsRefused(string? text) => Assert.False(QuarterPeriod.TryParse(text, out _));

    [Fact]
    public void QuartersOwed_EndAfterTheGrantAndHaveEndedByToday()
    {
        var granted = new DateOnly(2024, 9, 10);
        Assert.Empty(QuarterPeriod.EndedBetween(granted, new DateOnly(2024, 9, 30)));
        Assert.Equal(["2024Q3"], QuarterPeriod.EndedBetween(granted, new DateOnly(2024, 10, 1)).Select(q => q.ToString()));
        Assert.Equal(["2024Q3", "2024Q4"], QuarterPeriod.EndedBetween(granted, new DateOnly(2025, 1, 1)).Select(q => q.ToString()));
        // Granted on a quarter's last day: that quarter is not owed.
        Assert.Equal(["2024Q4"], QuarterPeriod.EndedBetween(new DateOnly(2024, 9, 30), new DateOnly(2025, 1, 1)).Select(q => q.ToString()));
    }
}

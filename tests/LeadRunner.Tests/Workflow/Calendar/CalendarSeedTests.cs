using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Calendar;

public class CalendarSeedTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public void EmbeddedData_Has2024To2026WithNoDateInBothLists()
    {
        var days = CalendarSeed.ReadEmbedded();
        Assert.Equal("2024,2025,2026", string.Join(',', days.Select(d => d.Date.Year).Distinct().Order()));
        Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
        // 2024: 28 holiday days and 8 adjusted working days, as in the State Council's notice.
        Assert.Equal(28, days.Count(d => d.Date.Year == 2024 && d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(8, days.Count(d => d.Date.Year == 2024 && d.Kind == CalendarDayKind.AdjustedWorkday));
        Assert.Equal("春节", days.Single(d => d.Date == new DateOnly(2026, 2, 28)).Name);
    }

    [Fact]
    public async Task Startup_SeedsEveryPublishedDay()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.Equal(CalendarSeed.ReadEmbedded().Count, await db.CalendarDays.CountAsync());
    }

    [Fact]
    public async Task Seed_RunTwice_AddsNothingAndKeepsAdministratorsEdits()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var edited = await db.CalendarDays.SingleAsync(d => d.Date == new DateOnly(2026, 10, 7));
        edited.Name = "国庆节（调整）";
        await db.SaveChangesAsync();
        var before = await db.CalendarDays.CountAsync();

        await CalendarSeed.SeedAsync(db);
        await CalendarSeed.SeedAsync(db);

        db.ChangeTracker.Clear();
        Assert.Equal(before, await db.CalendarDays.CountAsync());
        Assert.Equal("国庆节（调整）", (await db.CalendarDays.SingleAsync(d => d.Date == new DateOnly(2026, 10, 7))).Name);
    }
}

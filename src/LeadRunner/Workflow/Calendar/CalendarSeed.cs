using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Calendar;

/// <summary>
/// Loads the published holiday arrangements (cn-workday-calendar.json) on first start. Only dates not yet in the
/// calendar are added, so running it again changes nothing and never overwrites an administrator's edit.
/// </summary>
public static class CalendarSeed
{
    private const string ResourceName = "LeadRunner.Workflow.Calendar.cn-workday-calendar.json";

    public static async Task SeedAsync(LeadRunnerDb db, CancellationToken ct = default)
    {
        var existing = await db.CalendarDays.Select(d => d.Date).ToHashSetAsync(ct);
        db.CalendarDays.AddRange(ReadEmbedded().Where(d => !existing.Contains(d.Date)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every special day of the embedded data, in date order.</summary>
    public static IReadOnlyList<CalendarDay> ReadEmbedded()
    {
        using var stream = typeof(CalendarSeed).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"找不到内置数据 {ResourceName}。");
        var years = JsonSerializer.Deserialize<Dictionary<string, PublishedYear>>(stream)
            ?? throw new InvalidOperationException($"内置数据 {ResourceName} 为空。");
        return years.Values
            .SelectMany(y => Days(y.Holidays, CalendarDayKind.Holiday).Concat(Days(y.AdjustedWorkdays, CalendarDayKind.AdjustedWorkday)))
            .OrderBy(d => d.Date)
            .ToList();
    }

    private static IEnumerable<CalendarDay> Days(Dictionary<string, string>? days, CalendarDayKind kind) =>
        (days ?? []).Select(d => new CalendarDay
        {
            Date = DateOnly.ParseExact(d.Key, CalendarDates.Format, CultureInfo.InvariantCulture),
            Kind = kind,
            Name = d.Value,
        });

    // The file's own shape, which follows the published open data set (snake_case), not our API's.
    private sealed record PublishedYear(
        [property: JsonPropertyName("holidays")] Dictionary<string, string>? Holidays,
        [property: JsonPropertyName("adjusted_workdays")] Dictionary<string, string>? AdjustedWorkdays);
}

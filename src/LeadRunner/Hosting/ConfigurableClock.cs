using System.Globalization;

namespace LeadRunner.Hosting;

/// <summary>
/// The app's clock. For demos and acceptance tests, <c>Clock:Now</c> (an ISO date-time, taken as Asia/Shanghai when
/// it has no offset) or <c>Clock:OffsetDays</c> moves it; honoured only in Development and Testing.
/// </summary>
public sealed class ConfigurableClock : TimeProvider
{
    public static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly TimeSpan _offset;

    public ConfigurableClock(TimeSpan offset) => _offset = offset;

    /// <summary>How far this clock is from the real one; zero when not adjusted.</summary>
    public TimeSpan Offset => _offset;
    public bool IsAdjusted => _offset != TimeSpan.Zero;

    // The demo round's seeding reads its own 2024 dates (Development and Testing only; null in every other flow).
    public override DateTimeOffset GetUtcNow() => Demo.DemoTime.Now ?? System.GetUtcNow() + _offset;
    public override TimeZoneInfo LocalTimeZone => China;

    public static ConfigurableClock FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!Demo.DemoMode.IsAllowed(environment))
        {
            return new ConfigurableClock(TimeSpan.Zero);
        }
        if (configuration["Clock:Now"] is { Length: > 0 } now)
        {
            var parsed = DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(now)
                ? withOffset
                : new DateTimeOffset(DateTime.Parse(now, CultureInfo.InvariantCulture), China.GetUtcOffset(DateTime.Parse(now, CultureInfo.InvariantCulture)));
            return new ConfigurableClock(parsed - System.GetUtcNow());
        }
        if (configuration["Clock:OffsetDays"] is { Length: > 0 } days)
        {
            return new ConfigurableClock(TimeSpan.FromDays(double.Parse(days, CultureInfo.InvariantCulture)));
        }
        return new ConfigurableClock(TimeSpan.Zero);
    }

    private static bool HasOffset(string value) => value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > 10;
}

/// <summary>Dates and times as people in Hebei read them.</summary>
public static class ChinaTime
{
    public static DateTimeOffset ToChina(this DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, ConfigurableClock.China);
    public static DateOnly TodayInChina(this TimeProvider clock) => clock.GetUtcNow().TodayIn();
    public static DateOnly TodayIn(this DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToChina().DateTime);

    /// <summary>The instant a date begins in China, for deadlines "by the end of" or "from" a date.</summary>
    public static DateTimeOffset StartOfDayInChina(this DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, ConfigurableClock.China.GetUtcOffset(local));
    }
}

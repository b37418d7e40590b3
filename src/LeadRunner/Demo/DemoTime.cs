namespace LeadRunner.Demo;

/// <summary>
/// The demo round happened in 2024: while <see cref="DemoRound"/> drives it, the app's clock reads the round's dates in
/// that flow only (an async-local value), so the engine, the 公示 and the certificates stamp 2024 times themselves.
/// </summary>
public static class DemoTime
{
    private static readonly AsyncLocal<DateTimeOffset?> Travelled = new();

    /// <summary>The instant the seeding flow is at; null everywhere else.</summary>
    public static DateTimeOffset? Now => Travelled.Value;

    /// <summary>Sets this flow's instant. Synchronous on purpose: an async method's changes would not reach its caller.</summary>
    internal static void Set(DateTimeOffset? at) => Travelled.Value = at;
}

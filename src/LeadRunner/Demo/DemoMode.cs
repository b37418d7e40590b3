namespace LeadRunner.Demo;

/// <summary>
/// Demo accounts, data and clock exist only in Development and in the test environment: a production installation
/// ignores the <c>Demo</c> section whatever it says, so no known password ever reaches it.
/// </summary>
public static class DemoMode
{
    public static bool IsAllowed(IHostEnvironment environment) =>
        Hosting.HostEnvironments.IsDevelopmentOrTesting(environment);

    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment) =>
        IsAllowed(environment) && configuration.GetValue<bool>("Demo:Enabled");
}

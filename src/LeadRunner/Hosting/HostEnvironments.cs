namespace LeadRunner.Hosting;

public static class HostEnvironments
{
    /// <summary>Where the team works and the tests run: the only places demo data, the demo clock and open API docs exist.</summary>
    public static bool IsDevelopmentOrTesting(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}

using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace LeadRunner.Tests.Hosting;

public class ConfigurableClockTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "LeadRunner";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IConfiguration Config(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void ClockNow_IsHonouredInDevelopmentAndTesting_AsBeijingTime(string environment)
    {
        var clock = ConfigurableClock.FromConfiguration(Config("Clock:Now", "2024-09-12T23:30:00"), new Env(environment));
        var now = clock.GetUtcNow().ToChina();
        Assert.Equal(new DateTime(2024, 9, 12, 23, 30, 0), now.DateTime, TimeSpan.FromSeconds(5));
        Assert.True(clock.IsAdjusted);
    }

    [Fact]
    public void ClockSettings_AreIgnoredInProduction()
    {
        var clock = ConfigurableClock.FromConfiguration(Config("Clock:OffsetDays", "30"), new Env("Production"));
        Assert.False(clock.IsAdjusted);
        Assert.True((DateTimeOffset.UtcNow - clock.GetUtcNow()).Duration() < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void OffsetDays_MovesTheClock()
    {
        var clock = ConfigurableClock.FromConfiguration(Config("Clock:OffsetDays", "-2"), new Env("Development"));
        Assert.Equal(TimeSpan.FromDays(-2), clock.Offset);
    }

    [Fact]
    public async Task StaffPages_ShowTheAdjustedClock()
    {
        using var factory = new ClockFactory();
        var province = await factory.ClientFor("province");
        var html = await province.GetStringAsync("/staff");
        Assert.Contains("演示时钟已启用", html, StringComparison.Ordinal);
        Assert.Contains("2030-09-10", html, StringComparison.Ordinal);
        Assert.DoesNotContain("演示时钟已启用", await factory.AnonymousClient().GetStringAsync("/"), StringComparison.Ordinal);
    }

    private sealed class ClockFactory : LeadRunnerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // A future date, so that bearer tokens issued "now" by the adjusted clock are still valid.
            builder.UseSetting("Clock:Now", "2030-09-10T09:00:00");
        }
    }
}

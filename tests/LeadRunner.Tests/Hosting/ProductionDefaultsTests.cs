using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Hosting;

/// <summary>A production installation starts with no known password, whatever the Demo section says.</summary>
public class ProductionDefaultsTests
{
    private sealed class ProductionFactory : LeadRunnerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The test settings turn the demo on; production must ignore them.
            builder.UseEnvironment("Production");
            builder.UseSetting("Clock:OffsetDays", "100");
        }
    }

    [Fact]
    public async Task Production_IgnoresTheDemoSection_NoAccountNoDemoDataNoDemoClock()
    {
        using var factory = new ProductionFactory();
        var login = await factory.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = LeadRunnerFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Enterprises.IgnoreQueryFilters().CountAsync());
        // Reference data is there: the divisions are not demo data.
        Assert.Equal(190, await db.Counties.CountAsync());
        var clock = scope.ServiceProvider.GetRequiredService<LeadRunner.Hosting.ConfigurableClock>();
        Assert.False(clock.IsAdjusted);
    }

    [Fact]
    public void Configuration_PinsNoListeningAddress_AndNoSecondCopyOfThePort()
    {
        var root = LeadRunner.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "appsettings.json")));
        Assert.False(settings.RootElement.TryGetProperty("Urls", out _));
        Assert.Equal("", settings.RootElement.GetProperty("Verification").GetProperty("PublicBaseUrl").GetString());
        var profile = File.ReadAllText(Path.Combine(root, "src", "LeadRunner", "Properties", "launchSettings.json"));
        Assert.Contains("\"ASPNETCORE_ENVIRONMENT\": \"Development\"", profile, StringComparison.Ordinal);
    }
}

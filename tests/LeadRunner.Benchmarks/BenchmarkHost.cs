using System.Security.Claims;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks;

/// <summary>The real app (services, SQLite file, migrations, seed data) without HTTP, for measuring its parts.</summary>
public sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "leadrunner-bench", $"{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? RepositoryLayout.FindRoot(Directory.GetCurrentDirectory())!);
        builder.UseSetting("ConnectionStrings:LeadRunner", $"Data Source={_database}");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", "Demo@2024");
        builder.UseSetting("Workflow:TimersEnabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>Makes the ambient user a staff member, so that scoping applies as in a request.</summary>
    public void ActAs(string role, string? countyCode = null, string? unitCode = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, $"{role}.bench"), new(ClaimTypes.Role, role) };
        if (countyCode is not null)
        {
            claims.Add(new Claim(ScopeClaims.CountyCode, countyCode));
        }
        if (unitCode is not null)
        {
            claims.Add(new Claim(ScopeClaims.UnitCode, unitCode));
        }
        Services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(claims, "bench")),
        };
    }

    public LeadRunnerDb Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }
}

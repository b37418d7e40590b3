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

/// <summary>
/// The real app (services, database, migrations, seed data) without HTTP, for measuring its parts. On a SQLite file
/// of its own, or, when <see cref="PostgresServerVariable"/> names a server, on a new PostgreSQL database there.
/// </summary>
public sealed class BenchmarkHost(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The environment variable holding a PostgreSQL server's connection string (without a database).</summary>
    public const string PostgresServerVariable = "LEADRUNNER_BENCH_POSTGRES";

    private static readonly string[] DatabaseFiles = ["", "-wal", "-shm"];
    private readonly string _database = Path.Combine(Path.GetTempPath(), "leadrunner-bench", $"{Guid.NewGuid():N}.db");

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string DatabaseFile => _database;

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresServerVariable) is { Length: > 0 } server ? server : null;

    /// <summary>The database on <see cref="PostgresServer"/> a benchmark creates for itself.</summary>
    public static string PostgresDatabase(string server, string name) => $"{server};Database={name}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? RepositoryLayout.FindRoot(Directory.GetCurrentDirectory())!);
        if (PostgresServer is { } server)
        {
            builder.UseSetting("Database:Provider", "PostgreSQL");
            builder.UseSetting("ConnectionStrings:LeadRunner", PostgresDatabase(server, $"bench_{Path.GetFileNameWithoutExtension(_database)}"));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:LeadRunner", $"Data Source={_database}");
        }
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", "Demo@2024");
        builder.UseSetting("Workflow:TimersEnabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
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
        // A PostgreSQL database is left to the throwaway cluster (scripts/measure-completions.sh removes it).
        foreach (var file in DatabaseFiles.Select(suffix => _database + suffix).Where(File.Exists))
        {
            File.Delete(file);
        }
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadRunner.Tests.TestHost;

/// <summary>
/// The real app on a real SQLite file of its own (WAL needs a file), with demo data, in the Testing environment; on a
/// PostgreSQL database of its own instead when the suite runs on PostgreSQL (<see cref="PostgresDatabases"/>).
/// </summary>
public class LeadRunnerFactory : WebApplicationFactory<Program>
{
    public const string Password = "Demo@2024";

    public LeadRunnerFactory() : this(NewDatabasePath(), deleteOnDispose: true)
    {
    }

    /// <summary>A factory on a given database file, kept after disposal so another factory can start on it.</summary>
    internal LeadRunnerFactory(string databasePath, bool deleteOnDispose)
    {
        DatabasePath = databasePath;
        _deleteOnDispose = deleteOnDispose;
    }

    private readonly bool _deleteOnDispose;

    public string DatabasePath { get; }

    /// <summary>The upload storage folder, beside the database so that a restarted factory finds the same files.</summary>
    public string UploadsRoot => Path.ChangeExtension(DatabasePath, null) + "-uploads";

    /// <summary>
    /// Finished submission packages, one folder per host: a starting app clears the package files of the folder it is
    /// given, which in a folder shared by the test hosts would remove another host's package while it is being built.
    /// </summary>
    public string PackagesFolder => Path.ChangeExtension(DatabasePath, null) + "-packages";

    /// <summary>Whether the demo round is seeded (off: tests count what they create themselves).</summary>
    protected virtual bool SeedsDemoRound => false;

    /// <summary>When set, the app's clock (tests move it to reach deadlines).</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; init; }

    /// <summary>
    /// Hosts of one kind (factory type and clock start) seed the same data, so all but the first start from a copy of
    /// the first's database (<see cref="TemplateDatabases"/>); a database that exists already (a restart) is used as it is.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var kind = $"{GetType().FullName}@{Clock?.GetUtcNow().UtcTicks}";
        if (PostgresDatabases.InUse)
        {
            var name = PostgresDatabases.NameFor(DatabasePath);
            var seeds = !PostgresDatabases.Exists(name) && !PostgresDatabases.TryCopy(kind, name);
            var started = base.CreateHost(builder);
            if (seeds)
            {
                PostgresDatabases.Keep(kind, name);
            }
            return started;
        }
        var fresh = !File.Exists(DatabasePath) && !TemplateDatabases.TryCopy(kind, DatabasePath);
        var host = base.CreateHost(builder);
        if (fresh)
        {
            TemplateDatabases.Keep(kind, DatabasePath);
        }
        return host;
    }

    /// <summary>Whether this factory's database exists (its SQLite file, or its PostgreSQL database).</summary>
    public bool DatabaseExists => PostgresDatabases.InUse ? PostgresDatabases.Exists(PostgresDatabases.NameFor(DatabasePath)) : File.Exists(DatabasePath);

    /// <summary>The command-line options that point the app (or one of its commands) at the database of a given path.</summary>
    public static string[] DatabaseOptions(string databasePath) => PostgresDatabases.InUse
        ? ["--Database:Provider=PostgreSQL", $"--ConnectionStrings:LeadRunner={PostgresDatabases.ConnectionString(PostgresDatabases.NameFor(databasePath))}"]
        : [$"--ConnectionStrings:LeadRunner=Data Source={databasePath}"];

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "leadrunner-tests", $"{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(RepositoryLayout.FindRoot(AppContext.BaseDirectory)!);
        if (PostgresDatabases.InUse)
        {
            builder.UseSetting("Database:Provider", "PostgreSQL");
            builder.UseSetting("ConnectionStrings:LeadRunner", PostgresDatabases.ConnectionString(PostgresDatabases.NameFor(DatabasePath)));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:LeadRunner", $"Data Source={DatabasePath}");
        }
        // Not a test of power loss: FULL's flush per commit would only slow the suite (DatabaseTests checks FULL itself).
        builder.UseSetting("Database:Synchronous", "Normal");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", Password);
        // The seeded 2024 round would fill the inboxes and lists the tests count; DemoRoundTests turns it on.
        builder.UseSetting("Demo:Round", SeedsDemoRound ? "true" : "false");
        // Timers are fired by the tests themselves, at the moments they choose.
        builder.UseSetting("Workflow:TimersEnabled", "false");
        builder.UseSetting("Uploads:Root", UploadsRoot);
        builder.UseSetting("Uploads:SweepEnabled", "false");
        builder.UseSetting("Packages:Folder", PackagesFolder);
        // Tests carry out scheduled content changes themselves, at the test clock's time.
        builder.UseSetting("Cms:SchedulerEnabled", "false");
        // Tests run the mail sender's pass themselves, into a folder of their own.
        builder.UseSetting("Mail:SenderEnabled", "false");
        // Every test client shares one (unknown) address and logs in often: limits that only the rate-limit tests lower.
        foreach (var policy in new[] { "Login", "AnonymousSubmissions", "Uploads" })
        {
            builder.UseSetting($"RateLimits:{policy}:PermitLimit", "100000");
        }
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    /// <summary>A client carrying a bearer token for a demo account, as a script would use the API.</summary>
    public async Task<HttpClient> ClientFor(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public sealed record TokenResponse(string AccessToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _deleteOnDispose)
        {
            if (PostgresDatabases.InUse)
            {
                PostgresDatabases.Drop(PostgresDatabases.NameFor(DatabasePath));
            }
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(DatabasePath + suffix);
            }
            foreach (var folder in new[] { UploadsRoot, PackagesFolder }.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

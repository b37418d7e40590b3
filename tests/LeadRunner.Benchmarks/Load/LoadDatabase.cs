using System.Diagnostics;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// The database the load runs on: the SQLite file in the work folder, or PostgreSQL (a throwaway cluster started with
/// scripts/pg-cluster.sh, or a given connection string). The apps, the seed and the durability check all open it from here.
/// </summary>
public sealed class LoadDatabase : IAsyncDisposable
{
    private readonly string? _cluster;
    private readonly string _root;

    private LoadDatabase(DatabaseProvider provider, string connectionString, string? cluster, string root)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _cluster = cluster;
        _root = root;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static LoadDatabase Sqlite(string root, string work) =>
        new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(work, "app.db")}", null, root);

    /// <summary>Without a connection string, a cluster of its own beside the work folder (the postgres user cannot enter that 0700 folder).</summary>
    public static async Task<LoadDatabase> PostgreSqlAsync(string root, string work, string? connectionString)
    {
        if (connectionString is not null)
        {
            return new LoadDatabase(DatabaseProvider.PostgreSQL, connectionString, null, root);
        }
        var cluster = work + "-pg";
        var port = (await ScriptAsync(root, "start", cluster)).Trim();
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), Username = "postgres", Database = "leadrunner_load",
        };
        return new LoadDatabase(DatabaseProvider.PostgreSQL, builder.ConnectionString, cluster, root);
    }

    /// <summary>What each app process is told about the database; several PostgreSQL instances share one data folder, as they would share storage.</summary>
    public Dictionary<string, string> AppSettings(string work) => Provider == DatabaseProvider.Sqlite
        ? new() { ["ConnectionStrings__LeadRunner"] = ConnectionString }
        : new()
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__LeadRunner"] = ConnectionString,
            ["Database__DataFolder"] = Path.Combine(work, "data"),
        };

    public LeadRunnerDb Open()
    {
        var options = new DbContextOptionsBuilder<LeadRunnerDb>();
        if (Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(ConnectionString + ";Default Timeout=60");
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
        return new LeadRunnerDb(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await ScriptAsync(_root, "stop", _cluster);
        }
    }

    private static async Task<string> ScriptAsync(string root, string command, string folder)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "pg-cluster.sh"), command, folder])
        {
            WorkingDirectory = root, RedirectStandardOutput = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("无法运行 scripts/pg-cluster.sh。");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"scripts/pg-cluster.sh {command} 失败（代码 {process.ExitCode}）。");
    }
}

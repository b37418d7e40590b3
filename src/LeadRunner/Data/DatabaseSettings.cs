using Microsoft.Data.Sqlite;

namespace LeadRunner.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// The database the app runs on, read once from <c>Database:Provider</c> (Sqlite by default, or PostgreSQL) and
/// <c>ConnectionStrings:LeadRunner</c>, with the folder the installation keeps its files in.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataFolder)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var connection = configuration.GetConnectionString("LeadRunner")
            ?? throw new InvalidOperationException("缺少连接字符串 ConnectionStrings:LeadRunner。");
        var provider = configuration["Database:Provider"] is { Length: > 0 } name
            ? Enum.GetValues<DatabaseProvider>().Where(p => string.Equals(p.ToString(), name, StringComparison.OrdinalIgnoreCase)).Cast<DatabaseProvider?>().FirstOrDefault()
                ?? throw new InvalidOperationException($"配置 Database:Provider 的值“{name}”无效，应为 Sqlite 或 PostgreSQL。")
            : DatabaseProvider.Sqlite;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            // Files (uploads, packages, keys) of several instances live on shared storage, named here.
            var folder = configuration["Database:DataFolder"] is { Length: > 0 } configured ? configured : "data";
            return new DatabaseSettings(provider, WithPreparedStatements(connection), Path.GetFullPath(folder, contentRoot));
        }
        var resolved = ResolveSqlite(connection, contentRoot);
        var source = new SqliteConnectionStringBuilder(resolved).DataSource;
        var dataFolder = Path.IsPathRooted(source) ? Path.GetDirectoryName(source)! : Path.Combine(Path.GetTempPath(), "leadrunner");
        return new DatabaseSettings(provider, resolved, dataFolder);
    }

    /// <summary>The SQLite file, when the app runs on one.</summary>
    public string? SqliteFile =>
        IsSqlite && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { } source && Path.IsPathRooted(source) ? source : null;

    /// <summary>
    /// Unless the connection string says otherwise: statements the app sends again and again are prepared on each
    /// connection (PostgreSQL plans them once, not on every execution), and a pooled connection is handed on without the
    /// reset round trip (the app keeps no session state: its locks are per transaction, the startup lock is released).
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 200;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ToString();
    }

    /// <summary>A relative database path is taken from the repository root, not from wherever the process started.</summary>
    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }
}

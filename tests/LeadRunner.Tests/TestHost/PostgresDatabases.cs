using System.Collections.Concurrent;
using Npgsql;

namespace LeadRunner.Tests.TestHost;

/// <summary>
/// The suite on PostgreSQL: set LEADRUNNER_TEST_POSTGRES to a server's connection string (test.sh starts a throwaway
/// cluster). Each test host gets a database of its own, named after its SQLite file's name; the first host of a kind
/// seeds, and its database becomes a template the next hosts of that kind are created from (CREATE DATABASE … TEMPLATE).
/// </summary>
internal static class PostgresDatabases
{
    private static readonly ConcurrentDictionary<string, string> Ready = new(StringComparer.Ordinal);

    static PostgresDatabases() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var template in Ready.Values)
        {
            try
            {
                Drop(template);
            }
            catch (NpgsqlException)
            {
            }
        }
    };

    public static string? Server { get; } = Environment.GetEnvironmentVariable("LEADRUNNER_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static bool InUse => Server is not null;

    public static string NameFor(string databasePath) => "lr_" + Path.GetFileNameWithoutExtension(databasePath).Replace('-', '_').ToLowerInvariant();

    public static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ToString();

    public static bool Exists(string database) =>
        Scalar("SELECT count(*) FROM pg_database WHERE datname = @name", database) is long n && n > 0;

    public static bool TryCopy(string kind, string database)
    {
        if (!Ready.TryGetValue(kind, out var template))
        {
            return false;
        }
        Execute($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"");
        return true;
    }

    /// <summary>
    /// Copies a freshly prepared database as the template of its kind. CREATE DATABASE needs the source to have no other
    /// sessions: the host's idle pooled connections are closed first; a busy moment means no template (the next host seeds).
    /// </summary>
    public static void Keep(string kind, string database)
    {
        if (Ready.ContainsKey(kind))
        {
            return;
        }
        var template = $"tpl_{Guid.NewGuid():N}";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Execute($"CREATE DATABASE \"{template}\" TEMPLATE \"{database}\"");
                Ready.TryAdd(kind, template);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                Thread.Sleep(100 * (attempt + 1));
            }
        }
    }

    public static void Drop(string database)
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(string sql, string name)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return command.ExecuteScalar();
    }
}

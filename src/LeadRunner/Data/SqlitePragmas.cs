using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadRunner.Data;

/// <summary>
/// Sets the per-connection pragmas: foreign keys enforced, the configured sync level, a wait on busy writers (<see cref="SqliteBusyWait"/>), and a
/// log checkpoint threshold high enough that <see cref="WalCheckpointer"/> does that work, not a request. They belong
/// to the native connection, which the pool keeps open, so they are sent once per native connection rather than
/// on every open (a request opens a connection several times).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string SynchronousSetting = "Database:Synchronous";

    private static readonly ConditionalWeakTable<object, object> Configured = [];
    private readonly string _pragmas;

    public SqlitePragmas(IConfiguration configuration)
    {
        Synchronous = SynchronousLevel(configuration[SynchronousSetting]);
        _pragmas = $"PRAGMA foreign_keys = ON; PRAGMA synchronous = {Synchronous}; PRAGMA wal_autocheckpoint = 10000;";
    }

    /// <summary>The sync level sent to every connection: FULL unless configured otherwise.</summary>
    public string Synchronous { get; }

    /// <summary>
    /// FULL by default: with WAL, NORMAL may lose the last commits on a power cut (not on a crash of the app), and a
    /// confirmed decision must not be lost. NORMAL is the documented trade for disks where fsync is slow.
    /// </summary>
    public static string SynchronousLevel(string? configured) => configured?.Trim().ToUpperInvariant() switch
    {
        null or "" or "FULL" => "FULL",
        "NORMAL" => "NORMAL",
        "EXTRA" => "EXTRA",
        _ => throw new InvalidOperationException(
            $"配置 {SynchronousSetting} 的值“{configured}”无效：应为 Normal、Full 或 Extra（默认 Full，每次提交都写入磁盘）。"),
    };

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            SqliteBusyWait.Install((SqliteConnection)connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            SqliteBusyWait.Install((SqliteConnection)connection);
        }
    }

    private static bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, handle);
}

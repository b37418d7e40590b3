using Microsoft.Data.Sqlite;

namespace LeadRunner.Data;

/// <summary>
/// Copies the write-ahead log into the database file in the background, once a second. Left to SQLite, the commit
/// that crosses 1,000 log pages does the copy and the fsyncs itself, so one request in a hundred waited 5–25 ms.
/// Request connections keep a far higher threshold (<see cref="SqlitePragmas"/>) only as a backstop.
/// </summary>
public sealed class WalCheckpointer(string connectionString, IConfiguration configuration, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private long _checkpoints;

    /// <summary>How many checkpoints have run, for tests and diagnostics.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>One passive checkpoint: it never waits for readers or writers, it copies what it can.</summary>
    public async Task<(bool Busy, int LogFrames, int CopiedFrames)> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        // Unpooled: its short busy timeout must never reach a pooled connection that requests reuse.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 1000;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        Interlocked.Increment(ref _checkpoints);
        return (reader.GetInt32(0) != 0, reader.GetInt32(1), reader.GetInt32(2));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(configuration.GetValue("Database:CheckpointIntervalMs", 1000));
        if (interval <= TimeSpan.Zero || new SqliteConnectionStringBuilder(connectionString) is { DataSource: ":memory:" or "" } or { Mode: SqliteOpenMode.Memory })
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again, and the backstop threshold still bounds the log meanwhile.
                    logger.LogWarning(ex, "WAL 检查点失败，下一次再试。");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

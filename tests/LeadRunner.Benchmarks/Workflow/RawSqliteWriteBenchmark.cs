using BenchmarkDotNet.Attributes;
using LeadRunner.Data;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>
/// The floor under <see cref="TaskCompletionBenchmark"/>: the same shape of write (one UPDATE with a revision check and
/// one INSERT per transaction, BEGIN IMMEDIATE … COMMIT) with plain Microsoft.Data.Sqlite, prepared commands and one
/// open connection per client, on a WAL file with the app's pragmas (synchronous from Database__Synchronous, as in
/// the app). What is left between the two is the app's own cost per completion.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 10, iterationCount: 15)]
public class RawSqliteWriteBenchmark : RawWriteBenchmark
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "leadrunner-bench", $"raw-{Guid.NewGuid():N}.db");
    private Client[] _clients = null!;

    /// <summary>One connection with its two prepared commands and the case it moves.</summary>
    private sealed class Client(SqliteConnection connection, SqliteCommand begin, SqliteCommand update, SqliteCommand insert, SqliteCommand commit, long id)
    {
        private int _revision;

        public async Task WriteAsync()
        {
            await begin.ExecuteNonQueryAsync();
            update.Parameters["@id"].Value = id;
            update.Parameters["@revision"].Value = _revision;
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("revision check failed");
            }
            insert.Parameters["@case"].Value = id;
            insert.Parameters["@at"].Value = DateTimeOffset.UtcNow.UtcTicks;
            await insert.ExecuteNonQueryAsync();
            await commit.ExecuteNonQueryAsync();
            _revision++;
        }

        public void Close() => connection.Dispose();
    }

    [GlobalSetup]
    public async Task SetUp()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database)!);
        var connectionString = $"Data Source={_database}";
        var synchronous = SqlitePragmas.SynchronousLevel(Environment.GetEnvironmentVariable("Database__Synchronous"));
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = setup.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE "Cases" ("Id" INTEGER PRIMARY KEY, "Step" TEXT NOT NULL, "Revision" INTEGER NOT NULL);
                CREATE TABLE "Journal" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "CaseId" INTEGER NOT NULL REFERENCES "Cases" ("Id"),
                    "At" INTEGER NOT NULL, "Action" TEXT NOT NULL);
                CREATE INDEX "IX_Journal_CaseId" ON "Journal" ("CaseId");
                INSERT INTO "Cases" ("Id", "Step", "Revision") VALUES (1, 'a', 0), (2, 'a', 0), (3, 'a', 0), (4, 'a', 0);
                """;
            await create.ExecuteNonQueryAsync();
        }
        _clients = new Client[Clients];
        for (var i = 0; i < Clients; i++)
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA synchronous = {synchronous}; PRAGMA wal_autocheckpoint = 10000;";
                await pragmas.ExecuteNonQueryAsync();
            }
            // The app's pragmas and its busy wait, so that both sides queue for the write lock alike.
            SqliteBusyWait.Install(connection);
            _clients[i] = new Client(connection, Prepared(connection, "BEGIN IMMEDIATE"),
                Prepared(connection, """UPDATE "Cases" SET "Step" = CASE "Step" WHEN 'a' THEN 'b' ELSE 'a' END, "Revision" = "Revision" + 1 WHERE "Id" = @id AND "Revision" = @revision""", "@id", "@revision"),
                Prepared(connection, """INSERT INTO "Journal" ("CaseId", "At", "Action") VALUES (@case, @at, 'go')""", "@case", "@at"),
                Prepared(connection, "COMMIT"), i + 1);
        }
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, 0L));
        }
        command.Prepare();
        return command;
    }

    protected override Task WriteAsync(int client) => _clients[client].WriteAsync();

    [GlobalCleanup]
    public void CleanUp()
    {
        foreach (var client in _clients)
        {
            client.Close();
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }
}

using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Data;

// SQLite's own settings (pragmas, the write-ahead log); PostgreSQL keeps its defaults.
[Trait("Provider", "Sqlite")]
public class DatabaseTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private Task<string> Pragma(string name) => Pragma(factory, name);

    private static async Task<string> Pragma(WebApplicationFactory<Program> host, string name)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task Database_UsesWal() => Assert.Equal("wal", await Pragma("journal_mode"));

    [Fact]
    public async Task Database_EnforcesForeignKeys() => Assert.Equal("1", await Pragma("foreign_keys"));

    [Fact]
    public async Task Synchronous_IsFull_AsTheShippedSettingsHaveIt()
    {
        // Test hosts run Normal (LeadRunnerFactory): the suite is not about power loss, and FULL's flush per commit slows it.
        var shipped = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(
            LeadRunner.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "appsettings.json")))!;
        Assert.Equal("Full", shipped["Database"]!["Synchronous"]!.GetValue<string>());
        Assert.Equal("2", await SynchronousWith("Full"));
    }

    [Fact]
    public async Task Synchronous_FollowsTheConfiguration()
    {
        Assert.Equal("3", await SynchronousWith("Extra"));
        Assert.Equal("1", await Pragma("synchronous"));
    }

    /// <summary>
    /// PRAGMA synchronous on a host configured so. Pragmas are sent once per native connection and the pool is keyed
    /// by connection string, so the configured host opens unpooled connections: the base host's background jobs could
    /// otherwise hand it a pooled connection that already carries their setting.
    /// </summary>
    private async Task<string> SynchronousWith(string setting)
    {
        await using var configured = factory.WithWebHostBuilder(b => b
            .UseSetting(SqlitePragmas.SynchronousSetting, setting)
            .UseSetting("ConnectionStrings:LeadRunner", $"Data Source={factory.DatabasePath};Pooling=False"));
        return await Pragma(configured, "synchronous");
    }

    [Theory]
    [InlineData("Normal", "NORMAL")]
    [InlineData("full", "FULL")]
    [InlineData(null, "FULL")]
    [InlineData("Extra", "EXTRA")]
    public void SynchronousLevel_AcceptsTheDocumentedValues(string? configured, string level) =>
        Assert.Equal(level, SqlitePragmas.SynchronousLevel(configured));

    [Fact]
    public void SynchronousLevel_RefusesAnUnknownValue_InChinese()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlitePragmas.SynchronousLevel("Off"));
        Assert.Contains("Database:Synchronous", error.Message, StringComparison.Ordinal);
        Assert.Contains("应为 Normal、Full 或 Extra", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pragmas_HoldOnEveryOpenOfAPooledConnection()
    {
        // Pragmas are sent once per native connection; each later open of the same pooled connection must still have them.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("1", await Pragma("foreign_keys"));
            Assert.Equal("1", await Pragma("synchronous")); // NORMAL, as test hosts are configured
            Assert.Equal("10000", await Pragma("wal_autocheckpoint"));
        }
    }

    [Fact]
    public async Task AWriter_QueuesBehindAnotherConnectionsWriteLock_ThroughTheBusyWait()
    {
        // Another connection (as another instance would) holds the write lock; the app's writer waits in SqliteBusyWait, then writes.
        await using var holder = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await holder.OpenAsync();
        await using var command = holder.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE;";
        await command.ExecuteNonQueryAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var waitsBefore = SqliteBusyWait.Waits;

        var write = Task.Run(async () =>
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE; ROLLBACK;");
        });
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (SqliteBusyWait.Waits == waitsBefore && !write.IsCompleted)
        {
            await Task.Delay(10, patience.Token);
        }

        Assert.False(write.IsCompleted, "写锁被占用时，写入应排队等待而不是立即结束。");
        command.CommandText = "COMMIT;";
        await command.ExecuteNonQueryAsync();
        await write;
    }

    [Fact]
    public async Task TheLog_IsCheckpointedInTheBackground()
    {
        var checkpointer = factory.Services.GetRequiredService<WalCheckpointer>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            db.AuditEntries.Add(new LeadRunner.Audit.AuditEntry { UserName = "test", Action = "checkpoint", Subject = "wal" });
            await db.SaveChangesAsync();
        }
        var before = checkpointer.Checkpoints;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (checkpointer.Checkpoints == before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }
        Assert.True(checkpointer.Checkpoints > before, "后台检查点 10 秒内没有运行。");

        var (busy, logFrames, copied) = await checkpointer.CheckpointAsync();
        Assert.False(busy);
        Assert.Equal(logFrames, copied); // everything in the log is in the database file
    }

}

using System.Data;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadRunner.Tests.Audit;

/// <summary>The tamper-evident audit log: chained under concurrent writers, append-only, verified, read and exported by the auditor only.</summary>
public sealed class AuditLogTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    /// <summary>Records one entry through SaveChanges and returns the Id the database gave it.</summary>
    private async Task<long> RecordAsync(string action, string kind = AuditKinds.Configuration, IServiceProvider? services = null, string subject = "测试对象")
    {
        await using var scope = (services ?? factory.Services).CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(action, subject, kind: kind);
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        await db.SaveChangesAsync();
        return db.ChangeTracker.Entries<AuditEntry>().Single().Entity.Id;
    }

    /// <summary>Records one entry through the workflow's fast writer, in a transaction as a transition does.</summary>
    private async Task<long> RecordThroughTheFastWriterAsync(string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(action, "测试对象");
        var entry = db.ChangeTracker.Entries<AuditEntry>().Single().Entity;
        await TrackedChangesWriter.SaveAsync(db);
        await transaction.CommitAsync();
        return entry.Id;
    }

    private async Task<JsonObject> VerifyAsync() =>
        (await (await factory.ClientFor("auditor")).GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

    /// <summary>SaveChanges and the fast writer interleave; each reads back the Id its row got (on PostgreSQL the trigger may draw it again).</summary>
    [Fact]
    public async Task ParallelWriters_KeepOneUnbrokenChain()
    {
        await RecordAsync("启动"); // the test server starts once, before the parallel writers
        var written = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            (Action: $"并发写入{i}", Id: i % 2 == 0 ? await RecordAsync($"并发写入{i}") : await RecordThroughTheFastWriterAsync($"并发写入{i}")))));

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(40, entries.Count(a => a.Action.StartsWith("并发写入", StringComparison.Ordinal)));
        Assert.All(written, w => Assert.Equal(w.Action, entries.Single(a => a.Id == w.Id).Action));
        Assert.All(entries.Zip(entries.Skip(1)), pair => Assert.Equal(pair.First.Hash, pair.Second.PreviousHash));
        Assert.All(entries, a => Assert.Matches("^[0-9a-f]{64}$", a.Hash!));
        var verified = await VerifyAsync();
        Assert.True(verified["valid"]!.GetValue<bool>());
        Assert.True(verified["checked"]!.GetValue<int>() >= entries.Count);
        Assert.Null(verified["firstBroken"]);
    }

    [Fact]
    public async Task Triggers_RefuseUpdateAndDelete()
    {
        await RecordAsync("不可修改");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var statements = new List<string> { "UPDATE \"AuditEntries\" SET \"Subject\" = 'x' WHERE \"Action\" = '不可修改';", "DELETE FROM \"AuditEntries\" WHERE \"Action\" = '不可修改';" };
        if (PostgresDatabases.InUse)
        {
            statements.Add("TRUNCATE \"AuditEntries\";"); // SQLite has no TRUNCATE; its DELETE without WHERE fires the trigger
        }
        foreach (var sql in statements)
        {
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("审计日志只可追加", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal("测试对象", (await db.AuditEntries.SingleAsync(a => a.Action == "不可修改")).Subject);
    }

    /// <summary>The attacker drops the triggers on a copy of the database and edits, deletes or inserts a row; verification names the row where the chain breaks.</summary>
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task Verification_FindsAnEditedADeletedAndAnInsertedRow()
    {
        for (var i = 0; i < 5; i++)
        {
            await RecordAsync($"篡改目标{i}");
        }
        await using var scope = factory.Services.CreateAsyncScope();
        var ids = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.Where(a => a.Action.StartsWith("篡改目标"))
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        var target = ids[2];
        var last = ids[^1];
        var attacks = new (string Name, string Sql, long Broken)[]
        {
            ("edited", $"UPDATE AuditEntries SET Reason = '改过' WHERE Id = {target};", target),
            ("deleted", $"DELETE FROM AuditEntries WHERE Id = {target};", ids[3]),
            ("inserted", "INSERT INTO AuditEntries (At, UserName, Kind, Action, Subject, HashAlgorithm, PreviousHash, Hash) "
                + "SELECT At, 'intruder', Kind, '伪造', Subject, HashAlgorithm, Hash, Hash FROM AuditEntries ORDER BY Id DESC LIMIT 1;", last + 1),
        };
        foreach (var (name, sql, broken) in attacks)
        {
            var copy = await CopyDatabaseAsync();
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=false");
            await connection.OpenAsync();
            await Execute(connection, "DROP TRIGGER AuditEntries_Chain; DROP TRIGGER AuditEntries_NoUpdate; DROP TRIGGER AuditEntries_NoDelete;");
            Assert.True((await AuditChain.VerifyAsync(connection, CancellationToken.None)).Valid, name);
            await Execute(connection, sql);

            var result = await AuditChain.VerifyAsync(connection, CancellationToken.None);

            Assert.False(result.Valid, name);
            Assert.Equal(broken, result.FirstBroken);
            File.Delete(copy);
        }
    }

    /// <summary>
    /// A superuser bypasses the triggers (session_replication_role = replica) and edits, deletes or inserts a row; verification
    /// names the row where the chain breaks. Each attack is rolled back, so the class's log stays whole.
    /// </summary>
    [Fact]
    [Trait("Provider", "PostgreSQL")]
    public async Task Verification_FindsAnEditedADeletedAndAnInsertedRow_OnPostgres()
    {
        for (var i = 0; i < 5; i++)
        {
            await RecordAsync($"越权篡改{i}");
        }
        await using var scope = factory.Services.CreateAsyncScope();
        var ids = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.Where(a => a.Action.StartsWith("越权篡改"))
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        var target = ids[2];
        var attacks = new (string Name, string Sql, long? Broken)[]
        {
            ("edited", $"UPDATE \"AuditEntries\" SET \"Reason\" = '改过' WHERE \"Id\" = {target};", target),
            ("deleted", $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {target};", ids[3]),
            ("inserted", "INSERT INTO \"AuditEntries\" (\"At\", \"UserName\", \"Kind\", \"Action\", \"Subject\", \"HashAlgorithm\", \"PreviousHash\", \"Hash\") "
                + "SELECT \"At\", 'intruder', \"Kind\", '伪造', \"Subject\", \"HashAlgorithm\", \"Hash\", \"Hash\" FROM \"AuditEntries\" ORDER BY \"Id\" DESC LIMIT 1 RETURNING \"Id\";", null),
        };
        foreach (var (name, sql, broken) in attacks)
        {
            await using var connection = await OpenPostgresAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await Execute(connection, "SET LOCAL session_replication_role = replica;");
            Assert.True((await AuditChain.VerifyAsync(connection, CancellationToken.None)).Valid, name);
            var inserted = await Scalar(connection, sql);

            var result = await AuditChain.VerifyAsync(connection, CancellationToken.None);

            Assert.False(result.Valid, name);
            Assert.Equal(broken ?? (long)inserted!, result.FirstBroken);
            await transaction.RollbackAsync();
        }
        Assert.True((await VerifyAsync())["valid"]!.GetValue<bool>());
    }

    /// <summary>Entries written before the chain existed have no hash; the start after the migration chains them, oldest first.</summary>
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task Seal_ChainsEntriesWrittenBeforeTheChain()
    {
        await RecordAsync("链前一");
        var copy = await CopyDatabaseAsync();
        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=false");
        await connection.OpenAsync();
        await Execute(connection, "DROP TRIGGER AuditEntries_Chain; DROP TRIGGER AuditEntries_NoUpdate; DROP TRIGGER AuditEntries_NoDelete;"
            + "INSERT INTO AuditEntries (At, UserName, Kind, Action, Subject, HashAlgorithm) VALUES (1, 'admin', 'configuration', '旧条目一', '旧', 'SHA256'), (2, 'admin', 'configuration', '旧条目二', '旧', 'SHA256');"
            + AuditChain.TriggersSql);
        Assert.False((await AuditChain.VerifyAsync(connection, CancellationToken.None)).Valid);

        AuditChain.Register(connection);
        await AuditChain.SealAsync(connection);

        var result = await AuditChain.VerifyAsync(connection, CancellationToken.None);
        Assert.True(result.Valid, result.Message);
        var refused = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, "UPDATE AuditEntries SET Subject = '改' WHERE Action = '旧条目一';"));
        Assert.Contains("审计日志只可追加", refused.Message, StringComparison.Ordinal);
        SqliteConnection.ClearPool(connection);
        File.Delete(copy);
    }

    /// <summary>PostgreSQL has no row without a hash unless the triggers were bypassed; SealAsync chains those with the database's audit_hash.</summary>
    [Fact]
    [Trait("Provider", "PostgreSQL")]
    public async Task Seal_ChainsEntriesInsertedPastTheTriggers_OnPostgres()
    {
        await RecordAsync("链前一");
        await using var connection = await OpenPostgresAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, "SET LOCAL session_replication_role = replica;"
            + "INSERT INTO \"AuditEntries\" (\"At\", \"UserName\", \"Kind\", \"Action\", \"Subject\", \"HashAlgorithm\") VALUES (1, 'admin', 'configuration', '旧条目一', '旧𠀀', 'SHA256'), (2, 'admin', 'configuration', '旧条目二', '旧', 'SM3');"
            + "SET LOCAL session_replication_role = origin;");
        Assert.False((await AuditChain.VerifyAsync(connection, CancellationToken.None)).Valid);

        await AuditChain.SealAsync(connection);

        var result = await AuditChain.VerifyAsync(connection, CancellationToken.None);
        Assert.True(result.Valid, result.Message);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, "UPDATE \"AuditEntries\" SET \"Subject\" = '改' WHERE \"Action\" = '旧条目一';"));
        Assert.Contains("审计日志只可追加", refused.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Sm3_IsRecordedPerEntry_AndVerifies()
    {
        using var sm3 = factory.WithWebHostBuilder(b => b.UseSetting("Audit:HashAlgorithm", AuditChain.Sm3));
        // Characters beyond U+FFFF count two in the length prefix, as C# counts them; the long subject spans several blocks.
        var id = await RecordAsync("国密哈希", services: sm3.Services, subject: "𠀀企业" + new string('名', 150));
        await RecordAsync("默认哈希", subject: "𠀀");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "国密哈希");
        Assert.Equal((id, AuditChain.Sm3), (entry.Id, entry.HashAlgorithm));
        Assert.Equal(AuditChain.Compute(new object?[] { entry.Id, entry.At.UtcTicks, entry.UserName, entry.Kind, entry.Action, entry.Subject,
            entry.Before, entry.After, entry.Reason, entry.ClientIp, entry.HashAlgorithm }, entry.PreviousHash), entry.Hash);
        Assert.Equal(AuditChain.Sha256, (await db.AuditEntries.SingleAsync(a => a.Action == "默认哈希")).HashAlgorithm);
        Assert.True((await VerifyAsync())["valid"]!.GetValue<bool>());
    }

    /// <summary>
    /// The database's audit_hash is Compute's hash: on SQLite it is Compute itself; on PostgreSQL it is plpgsql (SM3
    /// included), checked here over every message length modulo the 64-byte block, characters beyond U+FFFF and nulls.
    /// </summary>
    [Theory]
    [InlineData(AuditChain.Sha256)]
    [InlineData(AuditChain.Sm3)]
    public async Task DatabaseHash_EqualsCompute(string algorithm)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var subjects = Enumerable.Range(0, 70).Select(n => new string('x', n)).Concat(["", "𠀀", "企业𠀀名称😀", "换\n行"]);
        foreach (var (subject, i) in subjects.Select((s, i) => (s, (long)i)))
        {
            object?[] fields = [i + 1, 638_000_000_000_000_000 + i, "张𠀀", "configuration", "修改", subject,
                i % 2 == 0 ? null : "{\"名\":1}", i % 3 == 0 ? null : subject, null, i % 2 == 0 ? "127.0.0.1" : null, algorithm];
            var previous = i % 5 == 0 ? null : new string('a', 64);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT audit_hash(" + string.Join(", ", Enumerable.Range(0, 12).Select(n => $"@p{n}")) + ");";
            foreach (var (value, n) in fields.Append(previous).Select((v, n) => (v, n)))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{n}";
                parameter.DbType = n < 2 ? DbType.Int64 : DbType.String;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            Assert.Equal(AuditChain.Compute(fields, previous), await command.ExecuteScalarAsync() as string);
        }
    }

    [Fact]
    public async Task Record_ClipsBeforeACharacterBeyondUFFFF_NotThroughIt()
    {
        await RecordAsync(new string('截', 99) + "𠀀");

        await using var scope = factory.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.SingleAsync(a => a.Action.StartsWith("截截"));
        Assert.Equal(new string('截', 99), entry.Action);
    }

    [Fact]
    public async Task OnlyTheAuditor_ReadsTheLog()
    {
        foreach (var user in new[] { "admin", "secadmin", "province", "county.130534" })
        {
            var client = await factory.ClientFor(user);
            foreach (var path in new[] { "/api/audit", "/api/audit/verify", "/api/audit/export", "/audit" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/api/audit")).StatusCode);
        var auditor = await factory.ClientFor("auditor");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/audit")).StatusCode);
        // 三员分立: the auditor sees no case data.
        Assert.Empty((await auditor.GetFromJsonAsync<JsonArray>("/api/enterprises"))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task List_FiltersByUserKindAndDate_WithPagingAndTotal()
    {
        for (var i = 0; i < 3; i++)
        {
            await RecordAsync($"导出记录{i}", AuditKinds.Export);
        }
        var auditor = await factory.ClientFor("auditor");

        var page = await auditor.GetFromJsonAsync<JsonObject>($"/api/audit?kind=export&user=系统&pageSize=2&page=2");
        Assert.True(page!["total"]!.GetValue<int>() >= 3);
        Assert.Equal(2, page["pageNumber"]!.GetValue<int>());
        Assert.All(page["items"]!.AsArray(), item => Assert.Equal(("export", "导出", "系统"),
            (item!["kind"]!.GetValue<string>(), item["kindName"]!.GetValue<string>(), item["userName"]!.GetValue<string>())));
        var none = await auditor.GetFromJsonAsync<JsonObject>("/api/audit?kind=export&from=2000-01-01&to=2000-01-02");
        Assert.Equal(0, none!["total"]!.GetValue<int>());

        var html = await auditor.GetStringAsync("/audit?kind=export&page=1");
        Assert.Contains("导出记录2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("页码应为", html, StringComparison.Ordinal);
        Assert.Contains("页码应为 1 到", await auditor.GetStringAsync("/audit?page=abc"), StringComparison.Ordinal);

        foreach (var (query, field) in new[] { ("from=2026-13-01", "from"), ("kind=nothing", "kind"), ("page=0", "page"), ("pageSize=100000", "pageSize"), ("from=2026-02-02&to=2026-02-01", "to") })
        {
            var response = await auditor.GetAsync($"/api/audit?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.NotNull(problem!["errors"]![field]);
        }
    }

    [Fact]
    public async Task Export_IsAnXlsxWithChineseHeaders_AndIsItselfAudited()
    {
        await RecordAsync("导出内容", AuditKinds.Account);
        var auditor = await factory.ClientFor("auditor");

        var response = await auditor.GetAsync("/api/audit/export?kind=account");

        Assert.Equal(AuditExport.ContentType, response.Content.Headers.ContentType!.MediaType);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<Row>()
            .Select(r => r.Descendants<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(AuditExport.Headers, rows[0]);
        Assert.Contains(rows.Skip(1), r => r[3] == "账号" && r[4] == "导出内容");
        Assert.All(rows.Skip(1), r => Assert.Equal("账号", r[3]));
        await using var scope = factory.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.OrderBy(a => a.Id).LastAsync(a => a.Action == "导出审计日志");
        Assert.Equal(("auditor", AuditKinds.Export), (entry.UserName, entry.Kind));
    }

    private async Task<string> CopyDatabaseAsync()
    {
        var copy = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, $"{Guid.NewGuid():N}-tampered.db");
        await using var source = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await using var target = new SqliteConnection($"Data Source={copy};Pooling=false");
        await source.OpenAsync();
        await target.OpenAsync();
        source.BackupDatabase(target);
        return copy;
    }

    /// <summary>A superuser connection of its own to the class's PostgreSQL database.</summary>
    private async Task<NpgsqlConnection> OpenPostgresAsync()
    {
        Assert.True(PostgresDatabases.InUse, "需要 LEADRUNNER_TEST_POSTGRES。");
        var connection = new NpgsqlConnection(PostgresDatabases.ConnectionString(PostgresDatabases.NameFor(factory.DatabasePath)));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

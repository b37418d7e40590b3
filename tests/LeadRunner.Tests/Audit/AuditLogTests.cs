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

namespace LeadRunner.Tests.Audit;

/// <summary>The tamper-evident audit log: chained under concurrent writers, append-only, verified, read and exported by the auditor only.</summary>
public sealed class AuditLogTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private async Task RecordAsync(string action, string kind = AuditKinds.Configuration, IServiceProvider? services = null)
    {
        await using var scope = (services ?? factory.Services).CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(action, "测试对象", kind: kind);
        await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().SaveChangesAsync();
    }

    private async Task<JsonObject> VerifyAsync() =>
        (await (await factory.ClientFor("auditor")).GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

    [Fact]
    public async Task ParallelWriters_KeepOneUnbrokenChain()
    {
        await RecordAsync("启动"); // the test server starts once, before the parallel writers
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => RecordAsync($"并发写入{i}"))));

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(40, entries.Count(a => a.Action.StartsWith("并发写入", StringComparison.Ordinal)));
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
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE AuditEntries SET Subject = 'x' WHERE Action = '不可修改';", "DELETE FROM AuditEntries WHERE Action = '不可修改';" })
        {
            var refused = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, sql));
            Assert.Contains("审计日志只可追加", refused.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The attacker drops the triggers on a copy of the database and edits, deletes or inserts a row; verification names the row where the chain breaks.</summary>
    [Fact]
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

    /// <summary>Entries written before the chain existed have no hash; the start after the migration chains them, oldest first.</summary>
    [Fact]
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

    [Fact]
    public async Task Sm3_IsRecordedPerEntry_AndVerifies()
    {
        using var sm3 = factory.WithWebHostBuilder(b => b.UseSetting("Audit:HashAlgorithm", AuditChain.Sm3));
        await RecordAsync("国密哈希", services: sm3.Services);
        await RecordAsync("默认哈希");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.Equal(AuditChain.Sm3, (await db.AuditEntries.SingleAsync(a => a.Action == "国密哈希")).HashAlgorithm);
        Assert.Equal(AuditChain.Sha256, (await db.AuditEntries.SingleAsync(a => a.Action == "默认哈希")).HashAlgorithm);
        Assert.True((await VerifyAsync())["valid"]!.GetValue<bool>());
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

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

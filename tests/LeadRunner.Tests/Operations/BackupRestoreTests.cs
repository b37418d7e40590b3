using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Hosting;
using LeadRunner.Operations;
using LeadRunner.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Operations;

/// <summary>
/// backup while the app writes, restore into a fresh installation that then serves what was issued before, and a
/// restore that refuses a damaged backup without touching anything.
/// </summary>
// The backup and restore commands are for SQLite installations (PostgreSQL has pg_dump).
[Trait("Provider", "Sqlite")]
public sealed class BackupRestoreTests : IDisposable
{
    private static readonly byte[] UploadedFile = "%PDF-1.7 盖章扫描件"u8.ToArray();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leadrunner-tests", "backup-" + Guid.NewGuid().ToString("N"));

    private static string[] Options(string database, string uploads) =>
        [$"--ConnectionStrings:LeadRunner=Data Source={database}", $"--Uploads:Root={uploads}"];

    private static async Task<(int? ExitCode, string Output, string Error)> RunAsync(string command, string folder, string database, string uploads)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync([command, folder, .. Options(database, uploads)], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Backup_DuringWrites_RestoresIntoAFreshInstallation_ThatServesTheIssuedCertificate()
    {
        var sourceDatabase = Path.Combine(_folder, "source", "leadrunner.db");
        Directory.CreateDirectory(Path.GetDirectoryName(sourceDatabase)!);
        // The workflow's clock: the case is taken through 公示 to authorisation, which issues and archives its certificate.
        using var source = new LeadRunnerFactory(sourceDatabase, deleteOnDispose: true) { Clock = new FakeTimeProvider(WorkflowFactory.Start) };
        var certificate = await IssueCertificateAsync(source);
        Directory.CreateDirectory(Path.Combine(source.UploadsRoot, "2024"));
        await File.WriteAllBytesAsync(Path.Combine(source.UploadsRoot, "2024", "scan.pdf"), UploadedFile);
        var token = (await source.ClientFor("auditor")).DefaultRequestHeaders.Authorization!;

        // Writers keep inserting through the app while the backup runs.
        using var stop = new CancellationTokenSource();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var scope = source.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AuditLog>().Record($"备份期间写入{w}-{written++}", "负载");
                await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().SaveChangesAsync();
                writing.TrySetResult();
            }
            return written;
        })).ToList();
        var backup = Path.Combine(_folder, "backup");
        await writing.Task; // the load is running when the backup starts
        var backedUp = await RunAsync("backup", backup, sourceDatabase, source.UploadsRoot);
        await stop.CancelAsync();
        Assert.True((await Task.WhenAll(writers)).Sum() > 0);
        Assert.True(backedUp.ExitCode == 0, backedUp.Error);

        var (manifest, problem) = await BackupManifest.VerifyAsync(backup, CancellationToken.None);
        Assert.Null(problem);
        Assert.Contains(manifest!.Files, f => f.Path == "uploads/2024/scan.pdf" && f.Size == UploadedFile.Length);
        Assert.Contains(manifest.Files, f => f.Path == "database/leadrunner.db");
        Assert.DoesNotContain(manifest.Files, f => f.Path.StartsWith("keys/", StringComparison.Ordinal)); // they are in the database
        Assert.StartsWith("2026", manifest.LastMigration, StringComparison.Ordinal);

        var restoredDatabase = Path.Combine(_folder, "restored", "leadrunner.db");
        var restoredUploads = Path.ChangeExtension(restoredDatabase, null) + "-uploads";
        var restored = await RunAsync("restore", backup, restoredDatabase, restoredUploads);
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Equal(UploadedFile, await File.ReadAllBytesAsync(Path.Combine(restoredUploads, "2024", "scan.pdf")));

        using var copy = new LeadRunnerFactory(restoredDatabase, deleteOnDispose: true) { Clock = new FakeTimeProvider(source.Clock!.GetUtcNow()) };
        var verified = await copy.AnonymousClient().GetFromJsonAsync<JsonObject>($"/api/verify/{certificate.Code}");
        Assert.Equal(certificate.Sha256, verified!["sha256"]!.GetValue<string>());
        Assert.Contains(certificate.Code, await copy.AnonymousClient().GetStringAsync($"/verify/{certificate.Code}"), StringComparison.Ordinal);
        // The enterprise downloads the archived certificate from the restored installation: the very bytes issued.
        var enterprise = await copy.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        var archived = await enterprise.GetAsync(FilledDocumentsApi.ArchivedPath(certificate.CaseId, certificate.Code));
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        var bytes = await archived.Content.ReadAsByteArrayAsync();
        Assert.Equal(certificate.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(certificate.Bytes, bytes);
        // The keys came along inside the database: a token issued by the original installation is still accepted, and the snapshot's audit chain is whole.
        var auditor = copy.AnonymousClient();
        auditor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(token.Scheme, token.Parameter);
        var chain = await auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify");
        Assert.True(chain!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Restore_RefusesADamagedBackup_NamingTheFile_AndChangesNothing()
    {
        var database = Path.Combine(_folder, "installation", "leadrunner.db");
        var uploads = Path.Combine(_folder, "installation", "uploads");
        Directory.CreateDirectory(Path.Combine(uploads, "a"));
        await File.WriteAllBytesAsync(Path.Combine(uploads, "a", "scan.pdf"), UploadedFile);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE __EFMigrationsHistory (MigrationId TEXT, ProductVersion TEXT); INSERT INTO __EFMigrationsHistory VALUES ('20260101000000_Initial', '10');";
            await command.ExecuteNonQueryAsync();
        }
        var backup = Path.Combine(_folder, "good");
        Assert.Equal(0, (await RunAsync("backup", backup, database, uploads)).ExitCode);
        var before = await File.ReadAllBytesAsync(database);

        var damages = new (string Name, Action<string> Damage, string Named)[]
        {
            ("changed", b => File.AppendAllText(Path.Combine(b, "uploads", "a", "scan.pdf"), "x"), "uploads/a/scan.pdf"),
            ("missing", b => File.Delete(Path.Combine(b, "database", "leadrunner.db")), "database/leadrunner.db"),
            ("extra", b => File.WriteAllText(Path.Combine(b, "uploads", "a", "extra.pdf"), "x"), "uploads/a/extra.pdf"),
            ("manifest", b => File.WriteAllText(Path.Combine(b, BackupManifest.FileName), "{"), BackupManifest.FileName),
        };
        foreach (var (name, damage, named) in damages)
        {
            var damaged = Path.Combine(_folder, name);
            BackupCommand.CopyFolder(backup, damaged, skip: null);
            damage(damaged);

            var (exitCode, _, error) = await RunAsync("restore", damaged, database, uploads);

            Assert.Equal(1, exitCode);
            Assert.Contains(named, error, StringComparison.Ordinal);
            Assert.Contains("未作任何改动", error, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(database));
            Assert.Equal([Path.Combine(uploads, "a", "scan.pdf")], Directory.GetFiles(uploads, "*", SearchOption.AllDirectories));
        }
        Assert.Equal(1, (await RunAsync("backup", backup, database, uploads)).ExitCode); // an existing backup is never overwritten
    }

    private sealed record Certificate(long CaseId, string Code, string Sha256, byte[] Bytes);

    /// <summary>The 雄县 case through review and 公示; after its five working days the final list authorises it.</summary>
    private static async Task<Certificate> IssueCertificateAsync(LeadRunnerFactory factory)
    {
        var drive = new WorkflowDriver(factory);
        var id = await drive.ToPublicityAsync(WorkflowDriver.XiongUscc, "county.130638", "city.133100");
        factory.Clock!.SetUtcNow(new DateTimeOffset(2024, 9, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        var province = await factory.ClientFor("province");
        var published = await province.PostAsJsonAsync("/api/rounds/2024/final-list", new { caseIds = new[] { id }, documentNumber = "冀工信集群〔2024〕12号" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var issued = (await drive.InstanceAsync(id)).Variables!["certificate"]!;
        var code = issued["code"]!.GetValue<string>();
        var bytes = await (await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}")).GetByteArrayAsync(FilledDocumentsApi.ArchivedPath(id, code));
        Assert.Equal(issued["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return new Certificate(id, code, issued["sha256"]!.GetValue<string>(), bytes);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

using LeadRunner.Hosting;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Operations;

/// <summary>
/// <c>backup &lt;目录&gt;</c>: an online backup, safe while the app runs. The database first (SQLite's backup API copies
/// one consistent snapshot while writers continue; the Data Protection keys are in it), then the upload store, then
/// manifest.json. Files are copied after the database, so every file the copied database refers to is present.
/// </summary>
public sealed class BackupCommand : ICommand
{
    public const string DatabaseFolder = "database";
    public const string UploadsFolder = "uploads";

    public string Name => "backup";
    public IReadOnlyList<string> Arguments => ["<备份目录>"];
    public string Description => "在线备份数据库（含数据保护密钥）和上传文件到一个新的（或空的）目录，并写入带 SHA-256 的 manifest.json。";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(arguments[0]);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            await context.Error.WriteLineAsync($"备份目录 {target} 不是空目录：请指定新的目录，以免覆盖已有备份。");
            return 1;
        }
        var paths = context.Paths;
        if (!File.Exists(paths.Database))
        {
            await context.Error.WriteLineAsync($"找不到数据库文件 {paths.Database}：请检查 ConnectionStrings:LeadRunner。");
            return 1;
        }
        var databaseCopy = Path.Combine(Directory.CreateDirectory(Path.Combine(target, DatabaseFolder)).FullName, Path.GetFileName(paths.Database));
        var lastMigration = await CopyDatabaseAsync(paths.Database, databaseCopy, cancellationToken);
        await context.Out.WriteLineAsync($"已备份数据库（迁移版本 {lastMigration ?? "无"}）。");

        var uploads = CopyFolder(paths.UploadsRoot, Path.Combine(target, UploadsFolder), skip: "tmp");
        await context.Out.WriteLineAsync($"已备份上传文件 {uploads} 个。");

        var files = await BackupManifest.DescribeAsync(target, cancellationToken);
        await new BackupManifest(BackupManifest.FormatName, DateTimeOffset.UtcNow, lastMigration, files).WriteAsync(target, cancellationToken);
        await context.Out.WriteLineAsync($"备份完成：{target}（共 {files.Count} 个文件，清单 {BackupManifest.FileName}）。");
        return 0;
    }

    /// <summary>SQLite's online backup into a fresh file; returns the copy's last applied migration.</summary>
    public static async Task<string?> CopyDatabaseAsync(string source, string target, CancellationToken cancellationToken)
    {
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);
            // The copy is one self-contained file: no -wal beside it to forget.
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE;";
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(cancellationToken);
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1;";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Copies a folder's files (not the <paramref name="skip"/> subfolder: uploads in progress); returns how many.</summary>
    public static int CopyFolder(string source, string target, string? skip)
    {
        Directory.CreateDirectory(target);
        if (!Directory.Exists(source))
        {
            return 0;
        }
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (skip is not null && relative.StartsWith(skip + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                File.Copy(file, destination);
                count++;
            }
            catch (FileNotFoundException)
            {
                // Removed after it was listed (an orphan swept while the app runs): nothing the database refers to.
            }
        }
        return count;
    }
}

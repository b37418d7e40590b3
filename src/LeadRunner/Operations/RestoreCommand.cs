using System.Globalization;
using LeadRunner.Hosting;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Operations;

/// <summary>
/// <c>restore &lt;目录&gt;</c> into a stopped installation. Every file is checked against manifest.json first; on any
/// difference nothing is changed. Then the database, the upload store and the keys are put in place; what was there
/// is kept beside them (…before-restore-时间), not deleted.
/// </summary>
public sealed class RestoreCommand : ICommand
{
    public string Name => "restore";
    public IReadOnlyList<string> Arguments => ["<备份目录>"];
    public string Description => "从备份目录恢复（须先停止应用）：先按 manifest.json 校验每个文件，校验不通过则不做任何改动。";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(arguments[0]);
        var (manifest, problem) = await BackupManifest.VerifyAsync(source, cancellationToken);
        if (manifest is null)
        {
            await context.Error.WriteLineAsync($"未恢复，安装未作任何改动：{problem}");
            return 1;
        }
        var databases = Directory.Exists(Path.Combine(source, BackupCommand.DatabaseFolder))
            ? Directory.GetFiles(Path.Combine(source, BackupCommand.DatabaseFolder)) : [];
        if (databases.Length != 1)
        {
            await context.Error.WriteLineAsync($"未恢复，安装未作任何改动：备份的 {BackupCommand.DatabaseFolder} 目录中应恰有一个数据库文件。");
            return 1;
        }
        var paths = context.Paths;
        if (await InUseAsync(paths.Database, cancellationToken))
        {
            await context.Error.WriteLineAsync($"未恢复，安装未作任何改动：数据库 {paths.Database} 正在使用，请先停止应用。");
            return 1;
        }
        await context.Out.WriteLineAsync($"备份校验通过：{manifest.Files.Count} 个文件，创建于 {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC，迁移版本 {manifest.LastMigration ?? "无"}。");

        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(Path.GetDirectoryName(paths.Database)!);
        var incoming = paths.Database + ".restoring";
        File.Copy(databases[0], incoming, overwrite: true);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(paths.Database + suffix))
            {
                File.Move(paths.Database + suffix, $"{paths.Database}.before-restore-{stamp}{suffix}");
            }
        }
        File.Move(incoming, paths.Database);
        await context.Out.WriteLineAsync($"已恢复数据库：{paths.Database}");

        ReplaceFolder(Path.Combine(source, BackupCommand.UploadsFolder), paths.UploadsRoot, stamp);
        await context.Out.WriteLineAsync($"已恢复上传文件：{paths.UploadsRoot}");
        await context.Out.WriteLineAsync($"恢复完成。原有数据保留在 *.before-restore-{stamp}，确认无误后可删除。现在可以启动应用。");
        return 0;
    }

    /// <summary>Best effort: a running app holding a write or an exclusive lock makes this fail at once instead of after the copy.</summary>
    private static async Task<bool> InUseAsync(string database, CancellationToken cancellationToken)
    {
        if (!File.Exists(database))
        {
            return false;
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 0; BEGIN EXCLUSIVE; COMMIT;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return false;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            return true;
        }
    }

    private static void ReplaceFolder(string from, string to, string stamp)
    {
        if (Directory.Exists(to))
        {
            Directory.Move(to, $"{to.TrimEnd(Path.DirectorySeparatorChar)}.before-restore-{stamp}");
        }
        BackupCommand.CopyFolder(from, to, skip: null);
    }
}

using LeadRunner.Data;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Operations;

/// <summary>
/// Where a SQLite installation keeps its state, for backup and restore: the database (with the Data Protection keys in it)
/// and the upload store. Resolved from the configuration exactly as the app resolves it.
/// </summary>
public sealed record InstallationPaths(string Database, string UploadsRoot)
{
    public static InstallationPaths From(IConfiguration configuration, string contentRoot)
    {
        var settings = DatabaseSettings.From(configuration, contentRoot);
        if (!settings.IsSqlite)
        {
            throw new InvalidOperationException("备份与恢复命令只用于 SQLite 数据库；PostgreSQL 请使用 pg_dump 与 pg_restore，上传文件目录另行备份。");
        }
        var database = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        var uploads = Path.GetFullPath(configuration["Uploads:Root"] is { Length: > 0 } root ? root : Uploads.UploadsFeature.DefaultRoot(settings), contentRoot);
        return new InstallationPaths(database, uploads);
    }
}

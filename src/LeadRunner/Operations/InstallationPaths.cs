using LeadRunner.Data;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Operations;

/// <summary>
/// Where an installation keeps its state: the SQLite database, the upload store and the Data Protection keys (a
/// <c>keys</c> folder beside the database, so that the data folder alone is the installation). Resolved from the
/// configuration exactly as the app resolves it.
/// </summary>
public sealed record InstallationPaths(string Database, string UploadsRoot, string KeysFolder)
{
    public static InstallationPaths From(IConfiguration configuration, string contentRoot)
    {
        var connection = configuration.GetConnectionString("LeadRunner")
            ?? throw new InvalidOperationException("缺少连接字符串 ConnectionStrings:LeadRunner。");
        var database = new SqliteConnectionStringBuilder(DataFeature.ResolveConnectionString(connection, contentRoot)).DataSource;
        var uploads = Path.GetFullPath(configuration["Uploads:Root"] is { Length: > 0 } root ? root : new Uploads.UploadOptions().Root, contentRoot);
        var keys = Path.IsPathRooted(database) ? Path.Combine(Path.GetDirectoryName(database)!, "keys") : Path.Combine(contentRoot, "data", "keys");
        return new InstallationPaths(database, uploads, keys);
    }
}

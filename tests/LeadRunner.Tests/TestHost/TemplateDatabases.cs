using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Tests.TestHost;

/// <summary>
/// Migrated and seeded databases to start test hosts from: the first host of a kind (factory type and clock start)
/// migrates and seeds as the app always does, and its database is copied for the next hosts of that kind, which then
/// start as on an up-to-date installation. Templates live for one test run only, so a change to a seed is never stale.
/// </summary>
internal static class TemplateDatabases
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "leadrunner-tests", $"templates-{Guid.NewGuid():N}");
    private static readonly ConcurrentDictionary<string, string> Ready = new(StringComparer.Ordinal);

    static TemplateDatabases() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    };

    /// <summary>Copies the template of <paramref name="kind"/> to <paramref name="databasePath"/>, if there is one yet.</summary>
    public static bool TryCopy(string kind, string databasePath)
    {
        if (!Ready.TryGetValue(kind, out var template))
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        File.Copy(template, databasePath);
        return true;
    }

    /// <summary>Keeps a consistent copy of a freshly prepared database (SQLite's online backup, safe while the host runs).</summary>
    public static void Keep(string kind, string databasePath)
    {
        if (Ready.ContainsKey(kind))
        {
            return;
        }
        Directory.CreateDirectory(Folder);
        // The host's background work (the WAL checkpointer) may hold the database for a moment (busy or locked, extended
        // codes such as 261 included): try again, and without a template the next host simply seeds for itself.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var template = Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
            try
            {
                using (var source = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
                using (var target = new SqliteConnection($"Data Source={template};Pooling=False"))
                {
                    source.Open();
                    target.Open();
                    source.BackupDatabase(target);
                }
                Ready.TryAdd(kind, template);
                return;
            }
            catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is 5 or 6)
            {
                File.Delete(template);
                Thread.Sleep(100 * (attempt + 1));
            }
        }
    }
}

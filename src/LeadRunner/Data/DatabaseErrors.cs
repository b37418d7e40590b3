using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Data;

/// <summary>
/// Which database errors mean "another writer was in the way" rather than a fault: the only place that knows the
/// providers' codes, so the write path stays provider-neutral.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>
    /// SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6). PostgreSQL (by SQLSTATE): serialization_failure 40001,
    /// deadlock_detected 40P01, lock_not_available 55P03. Wrapped errors (EF Core's DbUpdateException) count too.
    /// </summary>
    public static bool IsBusy(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            var busy = ex switch
            {
                SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
                DbException { SqlState: "40001" or "40P01" or "55P03" } => true,
                _ => false,
            };
            if (busy)
            {
                return true;
            }
        }
        return false;
    }
}

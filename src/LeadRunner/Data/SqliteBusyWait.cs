using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace LeadRunner.Data;

/// <summary>
/// How a SQLite writer waits for the write lock another connection (or process) holds. SQLite's own busy_timeout
/// sleeps 1, 2, 5, 10 … ms between tries, far longer than a one-millisecond commit, so queued writers oversleep and
/// the lock stands idle; this handler first yields its time slice and retries, then sleeps 1 ms, up to about 5 s.
/// </summary>
public static class SqliteBusyWait
{
    /// <summary>Tries that only yield before the handler starts sleeping: a few commits' worth.</summary>
    public const int YieldingTries = 200;

    /// <summary>The 1 ms sleeps after those, about five seconds as the busy_timeout it replaces.</summary>
    public const int SleepingTries = 5000;

    private static long _waits;

    /// <summary>How many times a writer found the lock taken and waited, for tests and diagnostics.</summary>
    public static long Waits => Interlocked.Read(ref _waits);

    private delegate int BusyHandler(IntPtr state, int count);

    // Kept for the process's life: native connections hold a pointer to it.
    private static readonly BusyHandler Handler = Wait;

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler")]
    private static extern int SetBusyHandler(IntPtr connection, BusyHandler handler, IntPtr state);

    /// <summary>Installs the handler on an open connection; it replaces any busy_timeout (SQLite keeps one or the other).</summary>
    public static void Install(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var result = SetBusyHandler(handle.DangerousGetHandle(), Handler, IntPtr.Zero);
        if (result != 0)
        {
            throw new InvalidOperationException($"sqlite3_busy_handler failed with code {result}.");
        }
    }

    // SQLite calls this with the number of earlier calls in this wait; non-zero means try again, zero gives up (SQLITE_BUSY).
    private static int Wait(IntPtr state, int count)
    {
        if (count == 0)
        {
            Interlocked.Increment(ref _waits);
        }
        if (count < YieldingTries)
        {
            Thread.Yield();
            return 1;
        }
        if (count < YieldingTries + SleepingTries)
        {
            Thread.Sleep(1);
            return 1;
        }
        return 0;
    }
}

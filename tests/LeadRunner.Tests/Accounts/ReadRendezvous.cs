using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadRunner.Tests.Accounts;

/// <summary>
/// Holds every matching query after it has read until <paramref name="parties"/> of them have, so concurrent requests
/// are sure to read the same state before any of them writes: the interleaving a race needs, made certain.
/// </summary>
internal sealed class ReadRendezvous(int parties, Func<DbCommand, bool> matches) : DbCommandInterceptor
{
    private int _arrived;
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether all parties met: a test asserts it, so a race that did not happen cannot pass for one.</summary>
    public bool Met => _all.Task.IsCompletedSuccessfully;

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        ArriveAsync(command).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        await ArriveAsync(command);
        return result;
    }

    private Task ArriveAsync(DbCommand command)
    {
        if (_all.Task.IsCompleted || !matches(command))
        {
            return Task.CompletedTask;
        }
        if (Interlocked.Increment(ref _arrived) >= parties)
        {
            _all.TrySetResult();
        }
        // Bounded, so a request that never meets the others still finishes (and the test then fails on Met).
        return Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromSeconds(10)));
    }
}

using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Data;

/// <summary>
/// The one owner of write transactions: every workflow transition, timer firing, batch and publication commits
/// through here. One connection for the whole unit (reads, lock, writes); the database's own lock serialises
/// writers across processes (SQLite takes it at BEGIN IMMEDIATE and waits in SqliteBusyWait; PostgreSQL locks the
/// rows written), and the revision tokens refuse a write based on a stale read. A lost race or a writer that held
/// the lock too long becomes a conflict result with nothing written; refusals roll back.
/// </summary>
public sealed class WriteTransactions(LeadRunnerDb db)
{
    public const string LostRaceMessage = "该案件刚刚已被他人办理，您的操作未生效。请刷新后查看。";
    public const string BusyMessage = "系统繁忙，您的操作未生效，请稍后重试。";

    /// <summary>
    /// Runs <paramref name="work"/> as one transaction and commits when <paramref name="commits"/> says so. With
    /// <paramref name="lockFirst"/> off the work reads and checks before the lock is taken (two cases are checked in
    /// parallel, only their writes queue); it calls <see cref="BeginAsync"/> before it changes anything with a
    /// statement, and what it read is re-checked by the revision tokens when written. Inside a transaction someone
    /// else owns, the work joins it and the owner commits or rolls back.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, Func<T, bool> commits, Func<string, T> conflict, bool lockFirst = true)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync();
        }
        try
        {
            if (lockFirst)
            {
                await BeginAsync();
            }
            var outcome = await work();
            if (commits(outcome))
            {
                await BeginAsync();
                await TrackedChangesWriter.SaveAsync(db);
                await db.Database.CommitTransactionAsync();
            }
            else
            {
                await RollBackAsync();
            }
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            await RollBackAsync();
            return conflict(LostRaceMessage);
        }
        catch (Exception ex) when (DatabaseErrors.IsBusy(ex))
        {
            await RollBackAsync();
            return conflict(BusyMessage);
        }
        catch
        {
            await RollBackAsync();
            throw;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// Takes the write lock now, if the transaction is not open yet. On SQLite EF Core's BeginTransaction issues
    /// BEGIN IMMEDIATE, so a writer queues here (SqliteBusyWait) instead of failing late at its first write.
    /// </summary>
    public async Task BeginAsync()
    {
        if (db.Database.CurrentTransaction is null)
        {
            await db.Database.BeginTransactionAsync();
        }
    }

    /// <summary>Rolls back and forgets every change, so the pooled context (and a retry in this scope) starts clean.</summary>
    private async Task RollBackAsync()
    {
        if (db.Database.CurrentTransaction is { } open)
        {
            await open.RollbackAsync();
            await open.DisposeAsync();
        }
        db.ChangeTracker.Clear();
    }
}

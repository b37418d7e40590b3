using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LeadRunner.Data;

/// <summary>
/// Claims background-job rows so that each job runs once however many instances share the database. A job begins its
/// transaction here, claims its rows, re-reads their status (the claim column: pending, due…) and writes the outcome
/// in the same transaction. On PostgreSQL a claim is <c>SELECT … FOR UPDATE SKIP LOCKED</c>: a row another instance
/// holds is skipped, not waited for. On SQLite the transaction is <c>BEGIN IMMEDIATE</c>, so the database write lock
/// already makes claims take turns and every row asked for is the caller's.
/// </summary>
public static class JobClaims
{
    /// <summary>The job's transaction; on SQLite it holds the write lock from the start.</summary>
    public static Task<IDbContextTransaction> BeginAsync(LeadRunnerDb db, CancellationToken ct) => db.Database.BeginTransactionAsync(ct);

    /// <summary>Of the rows with these keys, those the current transaction now holds; read their status again before acting.</summary>
    public static async Task<IReadOnlyList<TKey>> ClaimAsync<TEntity, TKey>(LeadRunnerDb db, IReadOnlyCollection<TKey> keys, CancellationToken ct)
        where TEntity : class
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A claim holds only inside the job's transaction (JobClaims.BeginAsync).");
        }
        if (keys.Count == 0 || db.Database.IsSqlite())
        {
            return [.. keys];
        }
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table);
        var sql = $"SELECT \"{key}\" AS \"Value\" FROM \"{table.Name}\" WHERE \"{key}\" = ANY(@keys) FOR UPDATE SKIP LOCKED";
        return await db.Database.SqlQueryRaw<TKey>(sql, new NpgsqlParameter("keys", keys.ToArray())).ToListAsync(ct);
    }

    /// <summary>Claims one row by key; false when another instance holds it.</summary>
    public static async Task<bool> ClaimOneAsync<TEntity, TKey>(LeadRunnerDb db, TKey key, CancellationToken ct) where TEntity : class =>
        (await ClaimAsync<TEntity, TKey>(db, [key], ct)).Count == 1;

    /// <summary>
    /// A periodic pass (a sweep) that should run on one instance per period: claims the pass's <see cref="JobLease"/>
    /// and, when it is due, moves it on by <paramref name="interval"/>. True when this instance runs the pass now.
    /// </summary>
    public static async Task<bool> ClaimPassAsync(LeadRunnerDb db, string name, TimeSpan interval, DateTimeOffset now, CancellationToken ct)
    {
        // The lease row exists before anyone locks it; of two instances inserting it, the second inserts nothing.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"JobLeases\" (\"Name\", \"NextRunAt\") VALUES ({0}, 0) ON CONFLICT (\"Name\") DO NOTHING", [name], ct);
        await using var transaction = await BeginAsync(db, ct);
        if (!await ClaimOneAsync<JobLease, string>(db, name, ct))
        {
            return false;
        }
        var lease = await db.JobLeases.FirstAsync(l => l.Name == name, ct);
        if (lease.NextRunAt > now)
        {
            return false;
        }
        lease.NextRunAt = now + interval;
        lease.LastRunAt = now;
        lease.LastRunBy = Environment.MachineName + ":" + Environment.ProcessId;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}

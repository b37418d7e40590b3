using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Notifications;

/// <summary>One person's notifications (those addressed to their role and region, or to them alone) with their own read state.</summary>
public sealed class NotificationInbox(LeadRunnerDb db, TimeProvider clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public sealed record Item(long Id, string Title, string Message, long? InstanceId, string? Url, DateTimeOffset CreatedAt, bool Read);

    public sealed record Page(int Total, int Unread, int PageNumber, int PageSize, IReadOnlyList<Item> Items);

    public Task<int> UnreadCountAsync(string userId, CancellationToken ct = default) => Unread(userId).CountAsync(ct);

    /// <summary>Newest first; <paramref name="unreadOnly"/> keeps the unread ones.</summary>
    public async Task<Page> ListAsync(string userId, bool unreadOnly, int page, int pageSize, CancellationToken ct = default)
    {
        var shown = unreadOnly ? Unread(userId) : NotificationAudience.Mine(db);
        var total = await shown.CountAsync(ct);
        var unread = unreadOnly ? total : await UnreadCountAsync(userId, ct);
        var reads = db.NotificationReads.Where(r => r.UserId == userId);
        var items = await shown.OrderByDescending(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(n => new Item(n.Id, n.Title, n.Message, n.InstanceId, n.InstanceId == null ? null : "/cases/" + n.InstanceId, n.CreatedAt,
                reads.Any(r => r.NotificationId == n.Id)))
            .ToListAsync(ct);
        return new Page(total, unread, page, pageSize, items);
    }

    /// <summary>Marks one of the person's notifications read; false when it is not addressed to them.</summary>
    public async Task<bool> MarkReadAsync(string userId, long id, CancellationToken ct = default)
    {
        if (!await NotificationAudience.Mine(db).AnyAsync(n => n.Id == id, ct))
        {
            return false;
        }
        await InsertReadAsync(userId, id, clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>Marks everything addressed to the person read; returns how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(string userId, CancellationToken ct = default)
    {
        var ids = await Unread(userId).Select(n => n.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var id in ids)
        {
            await InsertReadAsync(userId, id, now, ct);
        }
        await transaction.CommitAsync(ct);
        return ids.Count;
    }

    private IQueryable<Notification> Unread(string userId) =>
        NotificationAudience.Mine(db).Where(n => !db.NotificationReads.Any(r => r.UserId == userId && r.NotificationId == n.Id));

    // DO NOTHING: marking read twice (two tabs, a double click) is not an error. The same statement on SQLite and PostgreSQL.
    private Task<int> InsertReadAsync(string userId, long id, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""INSERT INTO "NotificationReads" ("UserId", "NotificationId", "ReadAt") VALUES ({userId}, {id}, {now.UtcTicks}) ON CONFLICT DO NOTHING""", ct);
}

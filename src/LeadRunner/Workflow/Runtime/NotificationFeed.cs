using LeadRunner.Data;
using LeadRunner.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>The messages addressed to the signed-in user's role in their region, or to them alone, newest first.</summary>
public sealed class NotificationFeed(LeadRunnerDb db)
{
    public async Task<IReadOnlyList<Notification>> LatestAsync(int take = 10, CancellationToken ct = default) =>
        await NotificationAudience.Mine(db).OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
}

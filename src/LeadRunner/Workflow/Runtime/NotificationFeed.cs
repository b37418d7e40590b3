using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>The messages addressed to the signed-in user's role in their region, newest first.</summary>
public sealed class NotificationFeed(LeadRunnerDb db)
{
    public async Task<IReadOnlyList<Notification>> LatestAsync(int take = 10, CancellationToken ct = default)
    {
        var scope = db.Scope;
        var all = db.Notifications.AsNoTracking();
        var mine = scope.Role switch
        {
            Roles.Enterprise => all.Where(n => n.Role == Roles.Enterprise && n.EnterpriseId == scope.EnterpriseId),
            Roles.County => all.Where(n => n.Role == Roles.County && n.CountyCode == scope.CountyCode),
            Roles.City => all.Where(n => n.Role == Roles.City && n.UnitCode == scope.UnitCode),
            Roles.Province => all.Where(n => n.Role == Roles.Province),
            Roles.SysAdmin => all.Where(n => n.Role == Roles.SysAdmin),
            _ => all.Where(n => false),
        };
        return await mine.OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
    }
}

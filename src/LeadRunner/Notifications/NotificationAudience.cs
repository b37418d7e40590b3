using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Notifications;

/// <summary>
/// Who a notification is for: an enterprise's accounts, a county's or a unit's officers, everyone in a provincial role,
/// or one account (a security notice, which reaches that account only).
/// The two directions below (what a person sees, whom a message reaches) must agree; a test checks both for a county.
/// </summary>
public static class NotificationAudience
{
    public sealed record Recipient(string UserId, string Email, string Name);

    /// <summary>The notifications addressed to the signed-in person's role and region, and those addressed to them alone.</summary>
    public static IQueryable<Notification> Mine(LeadRunnerDb db)
    {
        var scope = db.Scope;
        var userId = scope.UserId;
        var all = db.Notifications.AsNoTracking();
        return scope.Role switch
        {
            Roles.Enterprise => all.Where(n => userId != null && n.UserId == userId || n.UserId == null && n.Role == Roles.Enterprise && n.EnterpriseId == scope.EnterpriseId),
            Roles.County => all.Where(n => userId != null && n.UserId == userId || n.UserId == null && n.Role == Roles.County && n.CountyCode == scope.CountyCode),
            Roles.City => all.Where(n => userId != null && n.UserId == userId || n.UserId == null && n.Role == Roles.City && n.UnitCode == scope.UnitCode),
            Roles.Province => all.Where(n => userId != null && n.UserId == userId || n.UserId == null && n.Role == Roles.Province),
            Roles.SysAdmin => all.Where(n => userId != null && n.UserId == userId || n.UserId == null && n.Role == Roles.SysAdmin),
            _ => all.Where(n => userId != null && n.UserId == userId),
        };
    }

    /// <summary>The enabled accounts with an e-mail address that see <paramref name="notification"/>.</summary>
    public static Task<List<Recipient>> RecipientsAsync(LeadRunnerDb db, Notification notification)
    {
        if (notification.UserId is { } userId)
        {
            return db.Users.Where(u => u.Id == userId && u.DisabledAt == null && u.Email != null && u.Email != "")
                .Select(u => new Recipient(u.Id, u.Email!, u.DisplayName)).ToListAsync();
        }
        var users = from user in db.Users
                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                    join role in db.Roles on userRole.RoleId equals role.Id
                    where role.Name == notification.Role && user.DisabledAt == null && user.Email != null && user.Email != ""
                    select user;
        users = notification.Role switch
        {
            Roles.Enterprise => users.Where(u => u.EnterpriseId == notification.EnterpriseId),
            Roles.County => users.Where(u => u.CountyCode == notification.CountyCode),
            Roles.City => users.Where(u => u.UnitCode == notification.UnitCode),
            Roles.Province or Roles.SysAdmin => users,
            _ => users.Where(u => false),
        };
        return users.OrderBy(u => u.UserName).Select(u => new Recipient(u.Id, u.Email!, u.DisplayName)).ToListAsync();
    }
}

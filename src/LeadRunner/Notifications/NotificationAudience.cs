using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Notifications;

/// <summary>
/// Who a notification is for: an enterprise's accounts, a county's or a unit's officers, or everyone in a provincial role.
/// The two directions below (what a person sees, whom a message reaches) must agree; a test checks both for a county.
/// </summary>
public static class NotificationAudience
{
    public sealed record Recipient(string UserId, string Email, string Name);

    /// <summary>The notifications addressed to the signed-in person's role and region.</summary>
    public static IQueryable<Notification> Mine(LeadRunnerDb db)
    {
        var scope = db.Scope;
        var all = db.Notifications.AsNoTracking();
        return scope.Role switch
        {
            Roles.Enterprise => all.Where(n => n.Role == Roles.Enterprise && n.EnterpriseId == scope.EnterpriseId),
            Roles.County => all.Where(n => n.Role == Roles.County && n.CountyCode == scope.CountyCode),
            Roles.City => all.Where(n => n.Role == Roles.City && n.UnitCode == scope.UnitCode),
            Roles.Province => all.Where(n => n.Role == Roles.Province),
            Roles.SysAdmin => all.Where(n => n.Role == Roles.SysAdmin),
            _ => all.Where(n => false),
        };
    }

    /// <summary>The enabled accounts with an e-mail address that see <paramref name="notification"/>.</summary>
    public static Task<List<Recipient>> RecipientsAsync(LeadRunnerDb db, Notification notification)
    {
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

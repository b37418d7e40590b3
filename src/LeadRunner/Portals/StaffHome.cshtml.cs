using LeadRunner.Accounts;
using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Portals;

[Authorize(Policy = Policies.Staff)]
public sealed class StaffHomeModel(LeadRunnerDb db, Inbox inbox, NotificationFeed feed, TimeProvider clock, IAuthorizationService authorization,
    SiteContent content) : PageModel
{
    public string RoleName { get; private set; } = "";
    public string ScopeDescription { get; private set; } = "";
    public int EnterpriseCount { get; private set; }
    public int OpenTasks { get; private set; }
    public int OverdueTasks { get; private set; }
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];
    public bool CanPublish { get; private set; }

    /// <summary>Whether a publish needs a second publisher's approval; read for the system administrator, who sets it.</summary>
    public bool? RequiresApproval { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        RoleName = scope.Role is { } role ? Roles.ChineseNames[role] : "";
        ScopeDescription = scope switch
        {
            { SeesAll: true } => "全省",
            { CountyCode: { } county } => await db.Counties.Where(c => c.Code == county).Select(c => c.CityName + c.Name).FirstOrDefaultAsync(ct) ?? county,
            { UnitCode: { } unit } => await db.ReportingUnits.Where(u => u.Code == unit).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? unit,
            _ => "无",
        };
        EnterpriseCount = await db.Enterprises.CountAsync(ct);
        OpenTasks = await inbox.Query().CountAsync(ct);
        var now = clock.GetUtcNow();
        OverdueTasks = await inbox.Query().CountAsync(t => t.DueAt != null && t.DueAt < now, ct);
        Notifications = await feed.LatestAsync(10, ct);
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.Publisher)).Succeeded;
        RequiresApproval = User.IsInRole(Roles.SysAdmin) ? await content.RequiresApprovalAsync(ct) : null;
    }
}

using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Portals;

// The auditor is let in only to be sent on: the login page sends every non-enterprise account here.
[Authorize(Roles = Roles.Staff + "," + Roles.Auditor)]
public sealed class StaffHomeModel(LeadRunnerDb db, Inbox inbox, NotificationFeed feed, TimeProvider clock) : PageModel
{
    public string RoleName { get; private set; } = "";
    public string ScopeDescription { get; private set; } = "";
    public int EnterpriseCount { get; private set; }
    public int OpenTasks { get; private set; }
    public int OverdueTasks { get; private set; }
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Auditor))
        {
            return LocalRedirect("/audit");
        }
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
        return Page();
    }
}

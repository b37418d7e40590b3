using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Regions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Pages.CaseView;

/// <summary>
/// Who acted on a case, as the record names them: the person's display name and the organisation they act for (the
/// enterprise, the county or city bureau, the province), never the login name the journal keeps.
/// </summary>
public static class CaseActors
{
    public sealed record Who(string Person, string Organisation)
    {
        /// <summary>The organisation alone when the account is named after it (an office account), else person and organisation.</summary>
        public string Text => Person.Length == 0 || Organisation.Contains(Person, StringComparison.Ordinal) ? Organisation : $"{Person}（{Organisation}）";
    }

    public static readonly Who System = new("", "系统自动办理");

    public static async Task<IReadOnlyDictionary<string, Who>> ResolveAsync(LeadRunnerDb db, IEnumerable<string> loginNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = loginNames.Where(n => n != Workflow.Runtime.Actor.System.Name).Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!))
            .Select(u => new { u.Id, UserName = u.UserName!, u.DisplayName, u.EnterpriseId, u.CountyCode, u.UnitCode }).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var enterpriseIds = users.Select(u => u.EnterpriseId).OfType<int>().Distinct().ToList();
        // The region filter applies: only enterprises the viewer may see are named (a case's own enterprise always is).
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var countyCodes = users.Select(u => u.CountyCode).OfType<string>().Distinct().ToList();
        var counties = await db.Counties.AsNoTracking().Where(c => countyCodes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, ct);
        var unitCodes = users.Select(u => u.UnitCode).OfType<string>().Distinct().ToList();
        var units = await db.ReportingUnits.AsNoTracking().Where(u => unitCodes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);

        var result = new Dictionary<string, Who>(StringComparer.Ordinal) { [Workflow.Runtime.Actor.System.Name] = System };
        foreach (var u in users)
        {
            var role = roles.FirstOrDefault(r => r.UserId == u.Id)?.Name;
            var organisation =
                u.EnterpriseId is { } e ? enterprises.GetValueOrDefault(e) ?? u.DisplayName
                : u.CountyCode is { } c && counties.TryGetValue(c, out var county) ? Offices.OfCounty(county)
                : u.UnitCode is { } unit && units.TryGetValue(unit, out var unitName) ? Offices.OfUnit(unit, unitName)
                : role is Roles.Province ? Offices.Province
                : Roles.ChineseNames.GetValueOrDefault(role ?? "", u.DisplayName);
            result[u.UserName] = new Who(u.DisplayName, organisation);
        }
        return result;
    }

    /// <summary>A login name no account answers to any more (a deleted account) is shown as an unnamed account, not as the login.</summary>
    public static Who Of(IReadOnlyDictionary<string, Who> resolved, string loginName) =>
        resolved.GetValueOrDefault(loginName) ?? new Who("", "（账号已注销）");
}

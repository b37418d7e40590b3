using LeadRunner.Accounts.Passwords;
using LeadRunner.Accounts.Sessions;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Accounts.Admin;

/// <summary>
/// The security administrator's work on accounts: create (with a one-time password), lock, unlock, reset, disable and
/// enable, change the role or region (<c>AccountAdministration.RoleChange.cs</c>), and grant or revoke the publishing
/// permission. Used by the API, the accounts pages and the <c>admin create</c> command; every change is audited.
/// </summary>
public sealed partial class AccountAdministration(
    LeadRunnerDb db,
    UserManager<AppUser> users,
    PasswordChange passwords,
    SessionStore sessions,
    AuditLog audit,
    SecurityNotices notices,
    TextLimits limits,
    TimeProvider clock)
{
    public sealed record NewAccount(string? UserName, string? DisplayName, string? Role, string? CountyCode, string? UnitCode, int? EnterpriseId);

    public sealed record AccountRow(
        string Id, string UserName, string DisplayName, string Role, string RoleName, string? CountyCode, string? UnitCode,
        int? EnterpriseId, string Region, string State, DateTimeOffset? CreatedAt, DateTimeOffset? LastSignInAt, bool CanPublish);

    public sealed record Page(int Total, IReadOnlyList<AccountRow> Items);

    public abstract record Outcome
    {
        public sealed record Done(AppUser User, string? OneTimePassword) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
        public sealed record NotFound : Outcome;
    }

    public async Task<Page> ListAsync(string? role, string? search, int page, int pageSize)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        var query = from u in db.Users.AsNoTracking()
                    join ur in db.UserRoles on u.Id equals ur.UserId
                    join r in db.Roles on ur.RoleId equals r.Id
                    select new { User = u, Role = r.Name! };
        if (!string.IsNullOrEmpty(role))
        {
            query = query.Where(x => x.Role == role);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(x => x.User.UserName!.Contains(term) || x.User.DisplayName.Contains(term));
        }
        var total = await query.CountAsync();
        var rows = await query.OrderBy(x => x.User.UserName).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        var ids = rows.Select(r => r.User.Id).ToList();
        var lastSignIns = await db.UserSessions.Where(s => ids.Contains(s.UserId)).GroupBy(s => s.UserId)
            .Select(g => new { g.Key, Last = g.Max(s => s.CreatedAt) }).ToDictionaryAsync(x => x.Key, x => (DateTimeOffset?)x.Last);
        var regions = await RegionNamesAsync(rows.Select(r => r.User).ToList());
        var publishers = await db.UserClaims.Where(c => ids.Contains(c.UserId) && c.ClaimType == ScopeClaims.Permission && c.ClaimValue == Permissions.Publish)
            .Select(c => c.UserId).ToListAsync();
        var now = clock.GetUtcNow();
        return new Page(total, [.. rows.Select(r => new AccountRow(
            r.User.Id, r.User.UserName!, r.User.DisplayName, r.Role, Roles.ChineseNames.GetValueOrDefault(r.Role, r.Role),
            r.User.CountyCode, r.User.UnitCode, r.User.EnterpriseId, regions.GetValueOrDefault(r.User.Id, ""), StateOf(r.User, now),
            r.User.CreatedAt, lastSignIns.GetValueOrDefault(r.User.Id), publishers.Contains(r.User.Id)))]);
    }

    public static string StateOf(AppUser user, DateTimeOffset now) =>
        user.DisabledAt is not null ? "已停用"
        : user.LockoutEnd > now ? "已锁定"
        : user.MustChangePassword ? "待修改初始密码"
        : "正常";

    public async Task<Outcome> CreateAsync(NewAccount request)
    {
        (var errors, request) = await CheckAsync(request);
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new AppUser
        {
            UserName = request.UserName!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            CountyCode = request.Role == Roles.County ? request.CountyCode : null,
            UnitCode = request.Role == Roles.City ? request.UnitCode : null,
            EnterpriseId = request.Role == Roles.Enterprise ? request.EnterpriseId : null,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new Outcome.Invalid(new() { ["userName"] = [.. created.Errors.Select(e => e.Description)] });
        }
        await users.AddToRoleAsync(user, request.Role!);
        audit.Record("创建账号", Describe(user), after: $"角色：{Roles.ChineseNames[request.Role!]}", kind: AuditKinds.Account);
        var oneTime = await passwords.ResetAsync(user, "设置初始密码");
        await transaction.CommitAsync();
        return new Outcome.Done(user, oneTime);
    }

    /// <summary>Who opens enterprise accounts: the county that registered the enterprise, and the security administrator.</summary>
    public static readonly string[] EnterpriseAccountActivators = [Roles.County, Roles.SecAdmin];

    public static bool MayActivateEnterpriseAccounts(System.Security.Claims.ClaimsPrincipal actor) =>
        EnterpriseAccountActivators.Any(actor.IsInRole);

    /// <summary>
    /// Opens the account of a registered enterprise: <c>ent.</c> + USCC, with a one-time password handed over to it.
    /// A county finds only the enterprises of its region (the query filter), so another region's is not found; the
    /// security administrator, who sees no case data, finds any enterprise in the registry. Anyone else finds none.
    /// </summary>
    public async Task<Outcome> ActivateEnterpriseAsync(int enterpriseId, System.Security.Claims.ClaimsPrincipal actor)
    {
        var registry = actor.IsInRole(Roles.SecAdmin) ? db.Enterprises.IgnoreQueryFilters()
            : actor.IsInRole(Roles.County) ? db.Enterprises
            : db.Enterprises.Where(_ => false);
        if (await registry.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId) is not { } enterprise)
        {
            return new Outcome.NotFound();
        }
        if (await EnterpriseAccountAsync(enterpriseId) is { } existing)
        {
            return new Outcome.Invalid(new() { ["enterpriseId"] = [$"该企业已开通账号 {existing}；忘记密码请联系安全管理员重置。"] });
        }
        return await CreateAsync(new NewAccount($"ent.{enterprise.Uscc}", enterprise.Name, Roles.Enterprise, null, null, enterprise.Id));
    }

    public async Task<string?> EnterpriseAccountAsync(int enterpriseId) =>
        await db.Users.Where(u => u.EnterpriseId == enterpriseId).Select(u => u.UserName).FirstOrDefaultAsync();

    public Task<Outcome> LockAsync(string id, string actorId, string? reason) => ChangeAsync(id, actorId, async user =>
    {
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await sessions.EndAllAsync(user.Id, "账号被锁定");
        audit.Record("锁定账号", Describe(user), reason: reason, kind: AuditKinds.Account);
        return null;
    });

    public Task<Outcome> UnlockAsync(string id, string actorId) => ChangeAsync(id, actorId, async user =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        // A user locked out by back-off from some client is let in again as well.
        var prefix = $"{user.NormalizedUserName}|";
        await db.LoginThrottles.Where(t => t.Key.StartsWith(prefix)).ExecuteDeleteAsync();
        audit.Record("解锁账号", Describe(user), kind: AuditKinds.Account);
        return null;
    });

    public Task<Outcome> ResetAsync(string id, string actorId) => ChangeAsync(id, actorId, async user =>
    {
        var oneTime = await passwords.ResetAsync(user, "重置密码");
        await notices.PasswordResetAsync(user);
        return (string?)oneTime;
    });

    public Task<Outcome> DisableAsync(string id, string actorId, string? reason) => ChangeAsync(id, actorId, async user =>
    {
        user.DisabledAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        await sessions.EndAllAsync(user.Id, "账号被停用");
        audit.Record("停用账号", Describe(user), reason: reason, kind: AuditKinds.Account);
        return null;
    });

    public Task<Outcome> EnableAsync(string id, string actorId) => ChangeAsync(id, actorId, async user =>
    {
        user.DisabledAt = null;
        await users.UpdateAsync(user);
        audit.Record("启用账号", Describe(user), kind: AuditKinds.Account);
        return null;
    });

    /// <summary>
    /// Grants or revokes the publishing permission (the public site's editors), for province accounts only. The account's
    /// sessions end, so its next sign-in carries the change.
    /// </summary>
    public async Task<Outcome> SetPublishAsync(string id, string actorId, bool grant)
    {
        if (await users.FindByIdAsync(id) is { } target && !await users.IsInRoleAsync(target, Roles.Province))
        {
            return new Outcome.Invalid(new() { ["grant"] = [$"发布权限只能授予省级账号，“{target.UserName}”是{RoleNameOf(await users.GetRolesAsync(target))}账号。"] });
        }
        return await ChangeAsync(id, actorId, async user =>
        {
            var claim = new System.Security.Claims.Claim(ScopeClaims.Permission, Permissions.Publish);
            var has = (await users.GetClaimsAsync(user)).Any(c => c.Type == claim.Type && c.Value == claim.Value);
            if (has == grant)
            {
                return null;
            }
            var result = grant ? await users.AddClaimAsync(user, claim) : await users.RemoveClaimAsync(user, claim);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"未能更改发布权限：{string.Join("；", result.Errors.Select(e => e.Description))}");
            }
            await sessions.EndAllAsync(user.Id, grant ? "授予发布权限" : "收回发布权限");
            audit.Record(grant ? "授予发布权限" : "收回发布权限", Describe(user), after: grant ? "可编辑和发布网站内容" : "不能编辑和发布网站内容", kind: AuditKinds.Account);
            return null;
        });
    }

    private static string RoleNameOf(IList<string> roles) => roles.Count > 0 ? Roles.ChineseNames.GetValueOrDefault(roles[0], roles[0]) : "无角色";

    /// <summary>One account change in one transaction; nobody administers their own account here (that is "我的账号").</summary>
    private async Task<Outcome> ChangeAsync(string id, string actorId, Func<AppUser, Task<string?>> change)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return new Outcome.NotFound();
        }
        if (user.Id == actorId)
        {
            return new Outcome.Invalid(new() { ["id"] = ["不能在账号管理中操作自己的账号，请使用“我的账号”。"] });
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var oneTime = await change(user);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new Outcome.Done(user, oneTime);
    }

    /// <summary>The errors per field, and the request with its display name normalised (NFC) for saving.</summary>
    private async Task<(Dictionary<string, string[]> Errors, NewAccount Request)> CheckAsync(NewAccount request)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            Add("userName", "请填写用户名。");
        }
        else if (await users.FindByNameAsync(request.UserName.Trim()) is not null)
        {
            Add("userName", $"用户名“{request.UserName.Trim()}”已被使用。");
        }
        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            Add("displayName", "请填写姓名或单位名称。");
        }
        else if (TextHygiene.CheckName("displayName", "姓名或单位名称", request.DisplayName, out var displayName, maxLength: 100) is { } problem)
        {
            Add("displayName", problem);
        }
        else
        {
            request = request with { DisplayName = displayName };
        }
        await CheckRoleAsync(request.Role, request.CountyCode, request.UnitCode, request.EnterpriseId, Add);
        return (errors, request);
    }

    /// <summary>The role exists and the region it needs is given and exists: a county, a reporting unit or an enterprise.</summary>
    private async Task CheckRoleAsync(string? role, string? countyCode, string? unitCode, int? enterpriseId, Action<string, string> add)
    {
        switch (role)
        {
            case Roles.County when countyCode is null || !await db.Counties.AnyAsync(c => c.Code == countyCode):
                add("countyCode", "县级账号须选择一个存在的县级行政区划。");
                break;
            case Roles.City when unitCode is null || !await db.ReportingUnits.AnyAsync(u => u.Code == unitCode):
                add("unitCode", "市级账号须选择一个存在的报送单位。");
                break;
            case Roles.Enterprise when enterpriseId is not { } id || !await db.Enterprises.IgnoreQueryFilters().AnyAsync(e => e.Id == id):
                add("enterpriseId", "企业账号须选择一家已登记的企业。");
                break;
            case null or "":
                add("role", "请选择角色。");
                break;
            case var other when !Roles.All.Contains(other):
                add("role", $"角色“{other}”不存在，可选：{string.Join("、", Roles.All.Select(r => $"{r}（{Roles.ChineseNames[r]}）"))}。");
                break;
        }
    }

    private async Task<Dictionary<string, string>> RegionNamesAsync(List<AppUser> accounts)
    {
        var counties = accounts.Select(a => a.CountyCode).OfType<string>().ToList();
        var units = accounts.Select(a => a.UnitCode).OfType<string>().ToList();
        var enterprises = accounts.Select(a => a.EnterpriseId).OfType<int>().ToList();
        var countyNames = await db.Counties.Where(c => counties.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.CityName + c.Name);
        var unitNames = await db.ReportingUnits.Where(u => units.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name);
        var enterpriseNames = await db.Enterprises.IgnoreQueryFilters().Where(e => enterprises.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name);
        return accounts.ToDictionary(a => a.Id, a =>
            a.CountyCode is { } county ? countyNames.GetValueOrDefault(county, county)
            : a.UnitCode is { } unit ? unitNames.GetValueOrDefault(unit, unit)
            : a.EnterpriseId is { } enterprise ? enterpriseNames.GetValueOrDefault(enterprise, "") : "全省");
    }

    private static string Describe(AppUser user) => $"{user.UserName}（{user.DisplayName}）";
}

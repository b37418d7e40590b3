using LeadRunner.Audit;
using Microsoft.AspNetCore.Identity;

namespace LeadRunner.Accounts.Admin;

public sealed partial class AccountAdministration
{
    public sealed record RoleChange(string? Role, string? CountyCode, string? UnitCode, int? EnterpriseId, string? Reason);

    /// <summary>What an account is now: its role and the region or enterprise it is bound to, in Chinese.</summary>
    public sealed record Standing(string Role, string RoleName, string Region)
    {
        public override string ToString() => $"角色：{RoleName}；所属：{Region}";
    }

    public async Task<Standing> StandingOfAsync(AppUser user)
    {
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        return new(role, Roles.ChineseNames.GetValueOrDefault(role, "无角色"), (await RegionNamesAsync([user]))[user.Id]);
    }

    /// <summary>
    /// Moves an account to another role or region under the rules of creation: one role, the region that role needs,
    /// and that region exists. An administrator account is not turned into another kind of administrator (三员分立: an
    /// auditor would then audit what they did as system administrator). The account's sessions end, so its next sign-in
    /// carries the change, and the publishing permission goes with a move away from the province.
    /// </summary>
    public async Task<Outcome> ChangeRoleAsync(string id, string actorId, RoleChange request)
    {
        if (await users.FindByIdAsync(id) is not { } target)
        {
            return new Outcome.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        await CheckRoleAsync(request.Role, request.CountyCode, request.UnitCode, request.EnterpriseId, Add);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            Add("reason", "请填写变更原因。");
        }
        else if (limits.Note("reason", request.Reason) is { } tooLong)
        {
            Add("reason", tooLong);
        }
        var before = await StandingOfAsync(target);
        var (county, unit, enterprise) = Binding(request);
        if (errors.Count == 0)
        {
            if (Roles.Administrators.Contains(before.Role) && Roles.Administrators.Contains(request.Role!) && before.Role != request.Role)
            {
                Add("role", $"三员分立：{before.RoleName}账号不能改为{Roles.ChineseNames[request.Role!]}，管理员须由不同账号担任，请另行创建账号。");
            }
            else if (before.Role == request.Role && target.CountyCode == county && target.UnitCode == unit && target.EnterpriseId == enterprise)
            {
                Add("role", $"该账号已是{before.RoleName}（{before.Region}），没有变化。");
            }
        }
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        return await ChangeAsync(id, actorId, async user =>
        {
            var current = await users.GetRolesAsync(user);
            Succeeded(await users.RemoveFromRolesAsync(user, current));
            Succeeded(await users.AddToRoleAsync(user, request.Role!));
            (user.CountyCode, user.UnitCode, user.EnterpriseId) = (county, unit, enterprise);
            Succeeded(await users.UpdateAsync(user));
            var publish = new System.Security.Claims.Claim(ScopeClaims.Permission, Permissions.Publish);
            if (request.Role != Roles.Province && (await users.GetClaimsAsync(user)).Any(c => c.Type == publish.Type && c.Value == publish.Value))
            {
                Succeeded(await users.RemoveClaimAsync(user, publish));
            }
            await sessions.EndAllAsync(user.Id, "角色或所属变更");
            var after = await StandingOfAsync(user);
            audit.Record("变更角色", Describe(user), before: before.ToString(), after: after.ToString(), reason: request.Reason!.Trim(), kind: AuditKinds.Account);
            return null;
        });
    }

    /// <summary>Only the binding the role needs is kept; the others are cleared.</summary>
    private static (string? County, string? Unit, int? Enterprise) Binding(RoleChange request) => request.Role switch
    {
        Roles.County => (request.CountyCode, null, null),
        Roles.City => (null, request.UnitCode, null),
        Roles.Enterprise => (null, null, request.EnterpriseId),
        _ => (null, null, null),
    };

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"未能变更角色：{string.Join("；", result.Errors.Select(e => e.Description))}");
        }
    }
}

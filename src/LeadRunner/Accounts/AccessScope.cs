using System.Globalization;
using System.Security.Claims;

namespace LeadRunner.Accounts;

/// <summary>
/// What the current actor may see. Built once per request from the signed-in user's claims and applied by the
/// DbContext's query filters, so no page or API has to remember to scope its queries. <see cref="UserId"/> is the
/// account itself, for what is addressed to one person (security notices).
/// </summary>
public sealed record AccessScope(bool SeesAll, int? EnterpriseId, string? CountyCode, string? UnitCode, string? Role, string? UserId = null)
{
    /// <summary>Background work and start-up seeding: no user, everything visible.</summary>
    public static readonly AccessScope System = new(true, null, null, null, null);

    /// <summary>An anonymous visitor or an account without a valid binding: no protected rows.</summary>
    public static readonly AccessScope Nobody = new(false, null, null, null, null);

    public static AccessScope For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? RoleScope(user) with { UserId = user.FindFirstValue(ClaimTypes.NameIdentifier) } : Nobody;

    private static AccessScope RoleScope(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.SysAdmin))
        {
            return new(true, null, null, null, Roles.SysAdmin);
        }
        if (user.IsInRole(Roles.Province))
        {
            return new(true, null, null, null, Roles.Province);
        }
        if (user.IsInRole(Roles.City) && user.FindFirstValue(ScopeClaims.UnitCode) is { Length: > 0 } unit)
        {
            return new(false, null, null, unit, Roles.City);
        }
        if (user.IsInRole(Roles.County) && user.FindFirstValue(ScopeClaims.CountyCode) is { Length: > 0 } county)
        {
            return new(false, null, county, null, Roles.County);
        }
        if (user.IsInRole(Roles.Enterprise)
            && int.TryParse(user.FindFirstValue(ScopeClaims.EnterpriseId), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new(false, id, null, null, Roles.Enterprise);
        }
        return Nobody;
    }

    /// <summary>Whether this actor may act for (register or change) an enterprise in the given county.</summary>
    public bool CoversCounty(string countyCode, string unitCode) =>
        SeesAll || CountyCode == countyCode || UnitCode == unitCode;
}

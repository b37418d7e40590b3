using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadRunner.Accounts;

/// <summary>Adds the region/enterprise binding to the sign-in principal (cookie and bearer token alike).</summary>
public sealed class ScopeClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ScopeClaims.DisplayName, user.DisplayName));
        if (user.EnterpriseId is { } enterpriseId)
        {
            identity.AddClaim(new Claim(ScopeClaims.EnterpriseId, enterpriseId.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.CountyCode is { } county)
        {
            identity.AddClaim(new Claim(ScopeClaims.CountyCode, county));
        }
        if (user.UnitCode is { } unit)
        {
            identity.AddClaim(new Claim(ScopeClaims.UnitCode, unit));
        }
        return identity;
    }
}

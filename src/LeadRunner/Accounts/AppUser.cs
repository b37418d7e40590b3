using LeadRunner.Enterprises;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Accounts;

/// <summary>A person who signs in. Exactly one of the bindings applies, according to the role.</summary>
/// <remarks>Indexed by region: every notification looks up the county's or unit's officers, and without these indexes
/// that lookup scanned every account (one per enterprise) on each submission.</remarks>
[Index(nameof(CountyCode))]
[Index(nameof(UnitCode))]
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>For the enterprise role: the one enterprise this account acts for.</summary>
    public int? EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }

    /// <summary>For the county role: the county-level division code.</summary>
    public string? CountyCode { get; set; }

    /// <summary>For the city role: the reporting unit code.</summary>
    public string? UnitCode { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Set for a new account and after a reset: the one-time password must be replaced at the first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>A disabled account cannot sign in and its sessions are ended; kept (not deleted) for the audit trail.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

using LeadRunner.Accounts;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime;

/// <summary>The enterprise a case is about, and the region codes its tasks and notices are routed by.</summary>
public sealed record CaseParty(int Id, string Name, string Uscc, string CountyCode, string CountyName, string UnitCode, string UnitName, string ClusterName, string IndustryCategory);

public static class RegionRouting
{
    /// <summary>Narrows a role to the case's enterprise: the enterprise itself, its county, its unit, or none.</summary>
    public static (int? EnterpriseId, string? CountyCode, string? UnitCode) Resolve(ScopeRule scope, CaseParty? party) => scope switch
    {
        ScopeRule.Applicant => (party?.Id, null, null),
        ScopeRule.ApplicantCounty => (null, party?.CountyCode, null),
        ScopeRule.ApplicantUnit => (null, null, party?.UnitCode),
        _ => (null, null, null),
    };

    /// <summary>Whether an actor is a candidate for a role narrowed to a region.</summary>
    public static bool Matches(AccessScope actor, string role, int? enterpriseId, string? countyCode, string? unitCode) => role switch
    {
        Roles.Enterprise => actor.Role == Roles.Enterprise && actor.EnterpriseId == enterpriseId,
        Roles.County => actor.Role == Roles.County && actor.CountyCode == countyCode,
        Roles.City => actor.Role == Roles.City && actor.UnitCode == unitCode,
        Roles.Province => actor.Role == Roles.Province,
        Roles.SysAdmin => actor.Role == Roles.SysAdmin,
        _ => false,
    };

    /// <summary>The level above a role, for escalation of overdue tasks.</summary>
    public static string? NextLevel(string role) => role switch
    {
        Roles.County => Roles.City,
        Roles.City => Roles.Province,
        _ => null,
    };
}

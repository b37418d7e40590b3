namespace LeadRunner.Accounts;

/// <summary>Claim types carrying a user's region or enterprise binding.</summary>
public static class ScopeClaims
{
    public const string EnterpriseId = "lr:enterprise";
    public const string CountyCode = "lr:county";
    public const string UnitCode = "lr:unit";
    public const string DisplayName = "lr:name";
}

namespace LeadRunner.Accounts;

/// <summary>Claim types carrying a user's region or enterprise binding.</summary>
public static class ScopeClaims
{
    public const string EnterpriseId = "lr:enterprise";
    public const string CountyCode = "lr:county";
    public const string UnitCode = "lr:unit";
    public const string DisplayName = "lr:name";

    /// <summary>A permission granted to an account beside its role, e.g. <see cref="Permissions.Publish"/>.</summary>
    public const string Permission = "lr:permission";
}

/// <summary>Permissions the security administrator grants to single accounts (stored as user claims).</summary>
public static class Permissions
{
    /// <summary>May write and publish the public site's content (province staff only).</summary>
    public const string Publish = "publish";
}

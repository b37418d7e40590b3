namespace LeadRunner.Accounts;

/// <summary>The five roles of the programme. Names are stable: they are stored and used in workflow definitions.</summary>
public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string County = "county";
    public const string City = "city";
    public const string Province = "province";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Enterprise, County, City, Province, Admin];

    public static readonly IReadOnlyDictionary<string, string> ChineseNames = new Dictionary<string, string>
    {
        [Enterprise] = "企业",
        [County] = "县级工信部门",
        [City] = "市级工信部门",
        [Province] = "省工信厅",
        [Admin] = "系统管理员",
    };

    /// <summary>Staff are everyone who works a queue or administers; enterprises are not staff.</summary>
    public const string Staff = County + "," + City + "," + Province + "," + Admin;
}

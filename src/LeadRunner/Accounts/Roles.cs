namespace LeadRunner.Accounts;

/// <summary>
/// The roles of the programme. Names are stable: they are stored and used in workflow definitions.
/// The three administrators are kept apart (三员分立, GB/T 22239 level 3): no account holds two of them.
/// </summary>
public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string County = "county";
    public const string City = "city";
    public const string Province = "province";

    /// <summary>系统管理员: configuration — workflows, forms, templates, rounds, calendar, regions.</summary>
    public const string SysAdmin = "sysadmin";

    /// <summary>安全管理员: accounts, roles, unlocks; sees no case data.</summary>
    public const string SecAdmin = "secadmin";

    /// <summary>安全审计员: reads and verifies the audit log, nothing else.</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Enterprise, County, City, Province, SysAdmin, SecAdmin, Auditor];

    /// <summary>The roles that work cases: workflow steps and forms are assigned to these, never to secadmin or auditor.</summary>
    public static readonly IReadOnlyList<string> Programme = [Enterprise, County, City, Province, SysAdmin];

    /// <summary>The separated administrator roles; an account holds at most one of them and no other role beside it.</summary>
    public static readonly IReadOnlyList<string> Administrators = [SysAdmin, SecAdmin, Auditor];

    public static readonly IReadOnlyDictionary<string, string> ChineseNames = new Dictionary<string, string>
    {
        [Enterprise] = "企业",
        [County] = "县级工信部门",
        [City] = "市级工信部门",
        [Province] = "省工信厅",
        [SysAdmin] = "系统管理员",
        [SecAdmin] = "安全管理员",
        [Auditor] = "安全审计员",
    };

    /// <summary>Staff are everyone who works a queue or configures the process; enterprises are not staff.</summary>
    public const string Staff = County + "," + City + "," + Province + "," + SysAdmin;
}

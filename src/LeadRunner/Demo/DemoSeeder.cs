using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Demo;

/// <summary>
/// Demo data for trying the system: staff accounts for every unit and county and a handful of enterprises.
/// Adds only what is missing, so it can run at every start.
/// </summary>
public sealed class DemoSeeder(LeadRunnerDb db, IPasswordHasher<AppUser> hasher, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>Demo enterprises across several units, 定州, 辛集 and 雄安 included. Codes are valid per GB 32100-2015.</summary>
    public static readonly (string Name, string Uscc, string County, string Cluster, string Category)[] Enterprises =
    [
        ("清河县恒嘉羊绒制品有限公司", "91130534MA0CQH1106", "130534", "清河县羊绒及制品产业集群", "纺织"),
        ("辛集市瑞丰皮革制品有限公司", "91130181MA0DJ7R11T", "130181", "辛集市皮革皮具产业集群", "轻工"),
        ("定州市冠腾体育用品有限公司", "91130682MA0E2K4192", "130682", "定州市体育用品产业集群", "轻工"),
        ("雄县新宇塑料包装有限公司", "91130638MA0FB9N1XF", "130638", "雄县塑料包装产业集群", "化工"),
        ("安平县聚力丝网制品有限公司", "91131125MA0G6T214Y", "131125", "安平县丝网产业集群", "装备制造"),
        ("沙河市华晶玻璃有限公司", "91130582MA0HP3W19U", "130582", "沙河市玻璃产业集群", "建材"),
    ];

    /// <summary>Whether a demo account still exists and can sign in (a production database copied from a demo).</summary>
    public static Task<bool> AnyLeftAsync(LeadRunnerDb db) =>
        db.Users.AnyAsync(u => (u.NormalizedUserName == "ADMIN" || u.NormalizedUserName == "PROVINCE" || u.NormalizedUserName == "SECADMIN")
            && u.DisabledAt == null);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var password = configuration["Demo:Password"];
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException("Demo:Enabled 为 true 时必须设置 Demo:Password。");
        }

        await SeedEnterprisesAsync(ct);
        await SeedPoolAsync(ct);
        var roleIds = await RoleSeed.EnsureAsync(db);
        await SeedUsersAsync(password, roleIds, ct);
    }

    private async Task SeedEnterprisesAsync(CancellationToken ct)
    {
        var known = await db.Enterprises.Select(e => e.Uscc).ToHashSetAsync(ct);
        var clusters = await db.Clusters.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        foreach (var e in Enterprises.Where(e => !known.Contains(e.Uscc) && clusters.ContainsKey(e.Cluster)))
        {
            db.Enterprises.Add(new Enterprise
            {
                Name = e.Name,
                Uscc = e.Uscc,
                CountyCode = e.County,
                ClusterId = clusters[e.Cluster],
                IndustryCategory = e.Category,
                RegisteredAt = clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Demo enterprises already in the cultivation pool, so that they can apply; 沙河 is left out to try pool entry.</summary>
    public static readonly string[] PoolMembers = ["91130534MA0CQH1106", "91130181MA0DJ7R11T", "91130682MA0E2K4192", "91130638MA0FB9N1XF", "91131125MA0G6T214Y"];

    // Admitted by their cities before the 2024 notice (2024-08-28), as the guide requires of applicants.
    private static readonly DateTimeOffset PoolAdmittedAt = new(2024, 6, 28, 9, 0, 0, TimeSpan.FromHours(8));

    private async Task SeedPoolAsync(CancellationToken ct)
    {
        var members = await db.Enterprises.Where(e => PoolMembers.Contains(e.Uscc) && !db.PoolMemberships.Any(m => m.EnterpriseId == e.Id))
            .Select(e => new { e.Id, e.County!.UnitCode }).ToListAsync(ct);
        foreach (var e in members)
        {
            db.PoolMemberships.Add(new LeadRunner.Enterprises.Pool.PoolMembership
            {
                EnterpriseId = e.Id, Year = 2024, Decision = LeadRunner.Enterprises.Pool.PoolDecision.Admitted, DecidedAt = PoolAdmittedAt,
                UnitCode = e.UnitCode, DecidedBy = "demo",
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedUsersAsync(string password, Dictionary<string, string> roleIds, CancellationToken ct)
    {
        var wanted = new List<(AppUser User, string Role)>
        {
            (new AppUser { UserName = "admin", DisplayName = "系统管理员" }, Roles.SysAdmin),
            (new AppUser { UserName = "secadmin", DisplayName = "安全管理员" }, Roles.SecAdmin),
            (new AppUser { UserName = "auditor", DisplayName = "安全审计员" }, Roles.Auditor),
            (new AppUser { UserName = "province", DisplayName = "省工业和信息化厅" }, Roles.Province),
            (new AppUser { UserName = "province.editor", DisplayName = "省工业和信息化厅（网站编辑）" }, Roles.Province),
        };
        foreach (var unit in await db.ReportingUnits.OrderBy(u => u.SortOrder).ToListAsync(ct))
        {
            var office = unit.Code == "133100" ? "雄安新区改革发展局" : $"{unit.Name}工业和信息化局";
            wanted.Add((new AppUser { UserName = $"city.{unit.Code}", DisplayName = office, UnitCode = unit.Code }, Roles.City));
        }
        foreach (var county in await db.Counties.OrderBy(c => c.Code).ToListAsync(ct))
        {
            wanted.Add((new AppUser { UserName = $"county.{county.Code}", DisplayName = $"{county.CityName}{county.Name}工业和信息化局", CountyCode = county.Code }, Roles.County));
        }
        foreach (var enterprise in await db.Enterprises.Where(e => Enterprises.Select(d => d.Uscc).Contains(e.Uscc)).ToListAsync(ct))
        {
            wanted.Add((new AppUser { UserName = $"ent.{enterprise.Uscc}", DisplayName = enterprise.Name, EnterpriseId = enterprise.Id }, Roles.Enterprise));
        }

        foreach (var (user, _) in wanted)
        {
            // Plausible addresses under a reserved domain (RFC 2606): the outbox has someone to write to, and no real mailbox is reached.
            user.Email = $"{user.UserName}@demo.lingpao-hebei.example";
            user.NormalizedEmail = user.Email.ToUpperInvariant();
        }
        var existing = await db.Users.Select(u => u.NormalizedUserName).ToHashSetAsync(ct);
        var missing = wanted.Where(w => !existing.Contains(w.User.UserName!.ToUpperInvariant())).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        // One hash for all demo accounts: they share the demo password, and hashing 200+ times would slow every start.
        var hash = hasher.HashPassword(missing[0].User, password);
        foreach (var (user, role) in missing)
        {
            user.NormalizedUserName = user.UserName!.ToUpperInvariant();
            user.PasswordHash = hash;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.LockoutEnabled = true;
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
            // Two province accounts publish the site, so that one can approve what the other wrote.
            if (user.UserName is "province" or "province.editor")
            {
                db.UserClaims.Add(new IdentityUserClaim<string> { UserId = user.Id, ClaimType = ScopeClaims.Permission, ClaimValue = Permissions.Publish });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}

using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Demo;
using LeadRunner.Enterprises;
using LeadRunner.Enterprises.Pool;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// Enterprises for the load, spread over every county, each with its account and admitted to the 2024 cultivation
/// pool, written straight into the database the app created (hashing one password per account through the app would
/// take minutes on two cores; they share one hash as the demo accounts do).
/// </summary>
public static class LoadSeed
{
    public const string Password = "Load-Test@2024";
    public const int Year = 2024;

    public static async Task<List<string>> AddAsync(LoadDatabase database, int count)
    {
        await using var db = database.Open();
        var counties = await db.Counties.IgnoreQueryFilters().OrderBy(c => c.Code).Select(c => new { c.Code, c.UnitCode }).ToListAsync();
        var cluster = await db.Clusters.IgnoreQueryFilters().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var roles = await RoleSeed.EnsureAsync(db);
        var now = DateTimeOffset.UtcNow;
        string? hash = null;
        var codes = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var county = counties[i % counties.Count];
            var enterprise = new Enterprise
            {
                Name = $"负载测试企业{i + 1:D4}", Uscc = DemoRound.UsccOf(i, county.Code, 'L'), CountyCode = county.Code, ClusterId = cluster,
                IndustryCategory = "纺织", RegisteredAt = now,
            };
            var user = new AppUser
            {
                UserName = $"ent.{enterprise.Uscc}", NormalizedUserName = $"ENT.{enterprise.Uscc}", DisplayName = enterprise.Name, Enterprise = enterprise,
                SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true, PasswordChangedAt = now,
            };
            user.PasswordHash = hash ??= new PasswordHasher<AppUser>().HashPassword(user, Password);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[Roles.Enterprise] });
            db.PoolMemberships.Add(new PoolMembership
            {
                Enterprise = enterprise, Year = Year, Decision = PoolDecision.Admitted, DecidedAt = now, UnitCode = county.UnitCode, DecidedBy = "负载测试",
            });
            codes.Add(enterprise.Uscc);
        }
        await db.SaveChangesAsync();
        return codes;
    }
}

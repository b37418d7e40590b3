using LeadRunner.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Accounts;

/// <summary>The roles are reference data: every installation has them, with or without demo accounts.</summary>
public static class RoleSeed
{
    /// <summary>Adds the missing roles and returns every role's id by name.</summary>
    public static async Task<Dictionary<string, string>> EnsureAsync(LeadRunnerDb db)
    {
        var existing = await db.Roles.Select(r => r.Name!).ToListAsync();
        foreach (var role in Roles.All.Except(existing))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }
        await db.SaveChangesAsync();
        return await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
    }
}

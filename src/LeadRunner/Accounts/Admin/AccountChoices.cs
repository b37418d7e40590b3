using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Accounts.Admin;

/// <summary>What an account can be bound to, for the role and region selects of the accounts pages.</summary>
public sealed record AccountChoices(
    IReadOnlyList<(string Code, string Name)> Counties,
    IReadOnlyList<(string Code, string Name)> Units,
    IReadOnlyList<(int Id, string Name)> Enterprises)
{
    public static readonly AccountChoices None = new([], [], []);

    public static async Task<AccountChoices> LoadAsync(LeadRunnerDb db)
    {
        var counties = await db.Counties.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, Name = c.CityName + c.Name }).ToListAsync();
        var units = await db.ReportingUnits.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Code, u.Name }).ToListAsync();
        // Enterprise registry names only, to bind an enterprise account; the security administrator sees no case data.
        var enterprises = await db.Enterprises.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name, e.Uscc }).ToListAsync();
        return new(
            [.. counties.Select(c => (c.Code, c.Name))],
            [.. units.Select(u => (u.Code, u.Name))],
            [.. enterprises.Select(e => (e.Id, $"{e.Name}（{e.Uscc}）"))]);
    }
}

/// <summary>The role select and the three region selects, named <c>{Prefix}.Role</c>, <c>{Prefix}.CountyCode</c> and so on.</summary>
public sealed record RoleAndRegionFields(string Prefix, AccountChoices Choices, string? Role, string? CountyCode, string? UnitCode, int? EnterpriseId);

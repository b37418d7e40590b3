using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Pages;

[Authorize(Policy = Policies.SysAdmin)]
public sealed class ProgrammeCompareModel(LeadRunnerDb db) : PageModel
{
    public int A { get; private set; }
    public int B { get; private set; }
    public IReadOnlyList<VersionChange> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int a, int b)
    {
        var first = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == a);
        var second = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == b);
        if (first is null || second is null)
        {
            return NotFound();
        }
        (A, B) = (a, b);
        Differences = JsonChanges.Compare(ProgrammeUpgrade.Read(first.SettingsJson), ProgrammeUpgrade.Read(second.SettingsJson));
        return Page();
    }
}

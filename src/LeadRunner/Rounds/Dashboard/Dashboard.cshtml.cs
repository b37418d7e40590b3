using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds.Dashboard;

/// <summary>
/// 数据看板: the round's charts for the actor's own scope. The page only frames them; wwwroot/js/dashboard.js reads
/// /api/rounds/{year}/stats and draws with the locally served ECharts.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DashboardModel(LeadRunnerDb db, RoundDirectory rounds) : PageModel
{
    public int Year { get; private set; }
    public string ScopeName { get; private set; } = "";
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (rounds.Find(year) is null || rounds.HiddenFrom(year, User))
        {
            return NotFound();
        }
        Year = year;
        Years = rounds.All.Where(r => !rounds.HiddenFrom(r.Year, User)).Select(r => r.Year).OrderDescending().ToList();
        var scope = db.Scope;
        ScopeName = scope switch
        {
            { SeesAll: true } => "全省",
            { UnitCode: { } unit } => await db.ReportingUnits.Where(u => u.Code == unit).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? unit,
            { CountyCode: { } county } => await db.Counties.Where(c => c.Code == county).Select(c => c.CityName + c.Name).FirstOrDefaultAsync(ct) ?? county,
            _ => "",
        };
        return Page();
    }

    /// <summary>The dashboard a staff member opens from the navigation: the round the public sees by default.</summary>
    public static string? DefaultUrl(RoundDirectory rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        return rounds.DefaultPublic() is { } round ? $"/rounds/{round.Year}/dashboard" : null;
    }
}

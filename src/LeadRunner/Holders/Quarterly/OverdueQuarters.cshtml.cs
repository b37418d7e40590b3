using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// Who is late with a quarter's update: every quarterly obligation past its due date and not done, with its holder,
/// county, city, quarter, due date and days late. The province sees all; a county or city its own (query filters).
/// </summary>
[Authorize(Roles = $"{Roles.County},{Roles.City},{Roles.Province}")]
public sealed class OverdueQuartersModel(LeadRunnerDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Name, string Uscc, string CountyName, string UnitName, string Period, string PeriodTitle, DateOnly DueDate, int DaysLate, long? CaseId);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.TodayInChina();
        var today = Today;
        var late = await db.Obligations.AsNoTracking()
            .Where(o => o.Kind == ObligationKind.QuarterlyUpdate && o.DoneAt == null && o.DueDate < today)
            .Join(db.Enterprises, o => o.EnterpriseId, e => e.Id, (o, e) => new
            {
                e.Name, e.Uscc, CountyName = e.County!.Name, UnitName = e.County.Unit!.Name, o.Period, o.DueDate, o.InstanceId,
            })
            .ToListAsync(ct);
        Rows = [.. late.Select(r => new Row(r.Name, r.Uscc, r.CountyName, r.UnitName, r.Period,
                QuarterPeriod.TryParse(r.Period, out var q) ? q.Title : r.Period, r.DueDate, today.DayNumber - r.DueDate.DayNumber, r.InstanceId))
            .OrderByDescending(r => r.DaysLate).ThenBy(r => r.UnitName, StringComparer.Ordinal).ThenBy(r => r.CountyName, StringComparer.Ordinal)];
    }
}

using LeadRunner.Audit;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Regions;

/// <summary>Moves a county to another reporting unit, with the reason in the audit log.</summary>
public sealed class CountyMapping(LeadRunnerDb db, AuditLog audit)
{
    public abstract record Outcome
    {
        public sealed record Changed(RegionsApi.CountyDto County) : Outcome;
        public sealed record UnknownCounty : Outcome;
        public sealed record Invalid(string Field, string Message) : Outcome;
    }

    public async Task<Outcome> ChangeAsync(string countyCode, string? unitCode, string? reason, CancellationToken ct)
    {
        var county = await db.Counties.Include(c => c.Unit).FirstOrDefaultAsync(c => c.Code == countyCode, ct);
        if (county is null)
        {
            return new Outcome.UnknownCounty();
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Outcome.Invalid("reason", "请填写调整原因。");
        }
        var unit = string.IsNullOrWhiteSpace(unitCode) ? null : await db.ReportingUnits.FirstOrDefaultAsync(u => u.Code == unitCode, ct);
        if (unit is null)
        {
            return new Outcome.Invalid("unitCode", $"报送单位代码“{unitCode}”不存在。");
        }
        if (county.UnitCode != unit.Code)
        {
            audit.Record("调整县区所属报送单位", $"{county.Name}（{county.Code}）",
                before: $"{county.Unit!.Name}（{county.UnitCode}）", after: $"{unit.Name}（{unit.Code}）", reason: reason.Trim());
            county.UnitCode = unit.Code;
            county.Unit = unit;
            // Open city-level tasks of the county's enterprises move to the new unit with it.
            var tasks = await db.Tasks.IgnoreQueryFilters()
                .Where(t => t.Status == Workflow.Runtime.HumanTaskStatus.Open && t.UnitCode != null && t.Instance!.Enterprise!.CountyCode == county.Code)
                .ToListAsync(ct);
            foreach (var task in tasks)
            {
                task.UnitCode = unit.Code;
                task.Revision++;
            }
            await db.SaveChangesAsync(ct);
        }
        return new Outcome.Changed(new RegionsApi.CountyDto(county.Code, county.Name, unit.Code, unit.Name));
    }
}

using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Regions;

[Authorize(Policy = Policies.SysAdmin)]
public sealed class MappingModel(LeadRunnerDb db, CountyMapping mapping) : PageModel
{
    public IReadOnlyList<ReportingUnit> Units { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    [BindProperty] public string? CountyCode { get; set; }
    [BindProperty] public string? UnitCode { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        var outcome = await mapping.ChangeAsync(CountyCode ?? "", UnitCode, Reason, ct);
        (Message, Failed) = outcome switch
        {
            CountyMapping.Outcome.Changed changed => ($"已将{changed.County.Name}调整到{changed.County.UnitName}。", false),
            CountyMapping.Outcome.UnknownCounty => ($"县级行政区划代码“{CountyCode}”不存在。", true),
            CountyMapping.Outcome.Invalid invalid => (invalid.Message, true),
            _ => ("调整失败。", true),
        };
        if (Failed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Units = await db.ReportingUnits.Include(u => u.Counties.OrderBy(c => c.Code)).OrderBy(u => u.SortOrder).AsNoTracking().ToListAsync(ct);
}

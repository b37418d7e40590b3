using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Titles;

/// <summary>Staff list of title holders in their scope, filtered by year, reporting unit and status.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class HolderListModel(LeadRunnerDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public IReadOnlyList<HolderListing.HolderRow> Rows { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData] public string? Message { get; set; }

    /// <summary>The province schedules holders due for their three-year re-review into the open round.</summary>
    public bool MaySchedule => User.IsInRole(Roles.Province);

    public async Task<IActionResult> OnPostReReviewAsync([FromServices] ReReview.ReReviewScheduler scheduler, CancellationToken ct)
    {
        if (!MaySchedule)
        {
            return Forbid();
        }
        var result = await scheduler.ScheduleDueAsync(Workflow.Runtime.Actor.From(User), ct);
        Message = result.Year is not { } year
            ? result.Failures[0]
            : $"已将 {result.Scheduled} 家称号满三年的企业纳入 {year} 年度复核。" + (result.Failures.Count > 0 ? $"另有 {result.Failures.Count} 家未能纳入，请查看系统日志。" : "");
        return RedirectToPage();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (status, error) = HolderListing.ParseStatus(Status);
        Error = error;
        Years = await db.TitleHolders.Select(h => h.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        // Only the province chooses among units: a city or county sees one unit anyway.
        if (User.IsInRole(Roles.Province) || User.IsInRole(Roles.SysAdmin))
        {
            Units = [.. (await db.ReportingUnits.OrderBy(u => u.Code).Select(u => new { u.Code, u.Name }).ToListAsync(ct)).Select(u => (u.Code, u.Name))];
        }
        Rows = await HolderListing.Rows(db.TitleHolders, new HolderListing.Filter(Year, Unit, status)).Take(HoldersApi.MaxRows).ToListAsync(ct);
    }
}

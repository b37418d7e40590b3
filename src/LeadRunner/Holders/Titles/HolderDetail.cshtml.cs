using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Titles;

/// <summary>
/// One enterprise's titles with their history, obligations and support claims: for staff in scope and for the
/// enterprise itself (我的称号). Out-of-scope enterprises answer 404 through the query filters.
/// </summary>
[Authorize]
public sealed class HolderDetailModel(LeadRunnerDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record ObligationRow(ObligationKind Kind, string Period, DateOnly DueDate, string Status, long? InstanceId);
    public sealed record ClaimRow(SupportKind Kind, int Year, decimal Amount, ClaimStatus Status, DateTimeOffset ClaimedAt, long? InstanceId);

    public EnterprisesApi.EnterpriseDto Enterprise { get; private set; } = null!;
    public IReadOnlyList<TitleHolder> Titles { get; private set; } = [];
    public IReadOnlyList<HolderEvent> History { get; private set; } = [];
    public IReadOnlyList<ObligationRow> Obligations { get; private set; } = [];
    public IReadOnlyList<ClaimRow> Claims { get; private set; } = [];
    public bool IsStaff => User.IsInRole(Roles.Province) || User.IsInRole(Roles.City) || User.IsInRole(Roles.County) || User.IsInRole(Roles.SysAdmin);
    [TempData] public string? Message { get; set; }

    /// <summary>The province and the enterprise itself say whether it is listed; the flag decides how its quarters fall due.</summary>
    public bool MaySetListed => User.IsInRole(Roles.Province) || User.IsInRole(Roles.Enterprise);

    public async Task<IActionResult> OnGetAsync(string uscc, CancellationToken ct)
    {
        if (!await LoadAsync(uscc, ct))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostListedAsync(string uscc, int year, bool listed, CancellationToken ct)
    {
        if (!MaySetListed)
        {
            return Forbid();
        }
        var holder = await db.TitleHolders.FirstOrDefaultAsync(h => h.Enterprise!.Uscc == uscc && h.Year == year, ct);
        if (holder is null)
        {
            return NotFound();
        }
        if (holder.Listed != listed)
        {
            holder.Listed = listed;
            holder.Revision++;
            var text = listed ? "登记为上市公司：季度数据在季度报告披露后报送。" : "登记为非上市公司：季度数据在季度结束后报送。";
            db.HolderEvents.Add(new HolderEvent
            {
                HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, At = clock.GetUtcNow(), Kind = HolderEventKind.ListedChanged,
                Text = text, By = User.Identity?.Name ?? "", Public = false,
            });
            audit.Record(listed ? "登记为上市公司" : "取消上市公司登记", $"称号 {uscc}（{year} 年度）", (!listed).ToString(), listed.ToString());
            await db.SaveChangesAsync(ct);
            Message = text;
        }
        return RedirectToPage(new { uscc });
    }

    private async Task<bool> LoadAsync(string uscc, CancellationToken ct)
    {
        var enterprise = await EnterprisesApi.Project(db.Enterprises.Where(e => e.Uscc == uscc)).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return false;
        }
        Enterprise = enterprise;
        Titles = await db.TitleHolders.AsNoTracking().Where(h => h.EnterpriseId == enterprise.Id).OrderByDescending(h => h.Year).ToListAsync(ct);
        if (Titles.Count == 0)
        {
            return false;
        }
        History = await db.HolderEvents.AsNoTracking().Where(e => e.EnterpriseId == enterprise.Id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(200).ToListAsync(ct);
        var today = clock.TodayInChina();
        Obligations = [.. (await db.Obligations.AsNoTracking().Where(o => o.EnterpriseId == enterprise.Id).OrderByDescending(o => o.DueDate).Take(100).ToListAsync(ct))
            .Select(o => new ObligationRow(o.Kind, o.Period, o.DueDate, o.StatusOn(today), o.InstanceId))];
        Claims = await db.SupportClaims.AsNoTracking().Where(c => c.EnterpriseId == enterprise.Id).OrderByDescending(c => c.ClaimedAt)
            .Select(c => new ClaimRow(c.Kind, c.Year, c.Amount, c.Status, c.ClaimedAt, c.InstanceId)).Take(100).ToListAsync(ct);
        return true;
    }

    public static string KindLabel(ObligationKind kind) => kind switch
    {
        ObligationKind.QuarterlyUpdate => "季度数据更新",
        ObligationKind.ChangeFiling => "变更备案",
        _ => "三年复核",
    };

    public static string ObligationStatusLabel(string status) => status switch { "done" => "已完成", "overdue" => "已逾期", _ => "待办理" };

    public static string ClaimKindLabel(SupportKind kind) => kind switch
    {
        SupportKind.Equipment => "设备更新补助",
        SupportKind.Merger => "并购重组激励",
        SupportKind.RevenueMilestone => "营业收入突破激励",
        _ => "首次进入 500 强激励",
    };

    public static string ClaimStatusLabel(ClaimStatus status) => status switch { ClaimStatus.Approved => "已核准", ClaimStatus.Rejected => "不予支持", _ => "审核中" };
}

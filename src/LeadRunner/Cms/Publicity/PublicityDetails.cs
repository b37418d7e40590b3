using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Calendar;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms.Publicity;

public enum PublicityStatus { NotStarted, Open, Closed }

/// <summary>One enterprise of a 公示's batch, with only what a 公示 shows (never financial data).</summary>
public sealed record PublicityRow(int Number, string EnterpriseName, string Region, string Cluster, string Industry);

public sealed record PublicityView(int Id, string WindowText, PublicityStatus Status, IReadOnlyList<PublicityRow> Rows)
{
    public string StatusText => Status switch
    {
        PublicityStatus.NotStarted => "未开始",
        PublicityStatus.Open => "公示中",
        _ => "已结束",
    };
}

/// <summary>
/// What a 公示's page shows below its article: the window in working days, whether it is open (by the date in
/// China), the batch's enterprises; the page offers the objection form while the window is open.
/// </summary>
public sealed class PublicityDetails(LeadRunnerDb db, WorkingDayCalendar calendar, TimeProvider clock, IHttpContextAccessor http)
{
    public async Task<PublicityView> LoadAsync(SiteItem item, CancellationToken ct = default)
    {
        var (opens, closes) = LeadRunner.Publicity.PublicityWindow.Of(item);
        var workingDays = Enumerable.Range(0, closes.DayNumber - opens.DayNumber + 1).Count(d => calendar.IsWorkingDay(opens.AddDays(d)));
        var window = $"公示期：{opens:yyyy年M月d日}至{closes:yyyy年M月d日}（{workingDays}个工作日）";
        var today = clock.TodayInChina();
        var status = today < opens ? PublicityStatus.NotStarted : today > closes ? PublicityStatus.Closed : PublicityStatus.Open;
        LimitCachingToToday();

        return new PublicityView(item.Id, window, status, await RowsAsync(item.CaseIds, ct));
    }

    /// <summary>
    /// A cached 公示 page must not outlive the China-time day it was rendered on: the status, and whether the form is
    /// offered, change at midnight.
    /// </summary>
    private void LimitCachingToToday()
    {
        if (http.HttpContext?.Features.Get<IOutputCacheFeature>()?.Context is not { } cache)
        {
            return;
        }
        var untilMidnight = clock.TodayInChina().AddDays(1).StartOfDayInChina() - clock.GetUtcNow();
        if (cache.ResponseExpirationTimeSpan is not { } set || set > untilMidnight)
        {
            cache.ResponseExpirationTimeSpan = untilMidnight;
        }
    }

    private async Task<List<PublicityRow>> RowsAsync(List<int> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0)
        {
            return [];
        }
        var ids = caseIds.Select(i => (long)i).ToArray();
        // A published 公示 is public information: its enterprises are read whatever the visitor's scope.
        var found = await db.WorkflowInstances.IgnoreQueryFilters().AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.EnterpriseId != null)
            .Join(db.Enterprises.IgnoreQueryFilters(), i => i.EnterpriseId, e => e.Id, (i, e) => new
            {
                i.Id,
                e.Name,
                City = e.County!.CityName,
                County = e.County.Name,
                Cluster = e.Cluster!.Name,
                Industry = e.IndustryCategory,
            })
            .ToListAsync(ct);
        var byCase = found.ToDictionary(f => f.Id);
        // In the batch's order, as staff chose it.
        return [.. ids.Where(byCase.ContainsKey).Select(id => byCase[id])
            .Select((f, n) => new PublicityRow(n + 1, f.Name, f.City == f.County ? f.City : f.City + f.County, f.Cluster, f.Industry))];
    }
}

using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Changes;

/// <summary>
/// The public change log (称号变更记录): titles revoked or ended, newest first, with the enterprise, its place and the
/// stated reason. Read past the scope filters on purpose — it is public — but only the history's public lines of
/// those kinds, never who acted (grants are announced by the final lists, not here).
/// </summary>
public static class TitleChangeLog
{
    public const int PageSize = 20;
    public const string Url = "/title-changes";
    public const string Title = "称号变更记录";

    private static readonly HolderEventKind[] Kinds = [HolderEventKind.Revoked, HolderEventKind.Expired];

    public sealed record Entry(long Id, DateTimeOffset At, DateOnly Date, string Kind, string KindName, string EnterpriseName, string Uscc,
        string County, int Year, string Reason);

    public sealed record EntryPage(int Total, int Page, int PageSize, IReadOnlyList<Entry> Items);

    public static IEndpointRouteBuilder MapTitleChangeLogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/title-changes", async (int? page, LeadRunnerDb db, CancellationToken ct) => TypedResults.Ok(await PageAsync(db, page ?? 1, ct)))
            .AllowAnonymous().WithTags("称号变更记录")
            .WithName("ListTitleChanges").WithSummary("称号变更记录")
            .WithDescription("“领跑者”称号撤销、到期终止的公开记录，新的在前，page 从 1 开始，每页 20 条；可匿名访问，不含办理人。");
        return app;
    }

    public static async Task<EntryPage> PageAsync(LeadRunnerDb db, int page, CancellationToken ct)
    {
        var total = await Public(db).CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        return new EntryPage(total, page, PageSize, await ReadAsync(Public(db).Skip((page - 1) * PageSize).Take(PageSize), ct));
    }

    /// <summary>The newest entries, for the site's Atom feed.</summary>
    public static Task<List<Entry>> LatestAsync(LeadRunnerDb db, int count, CancellationToken ct) => ReadAsync(Public(db).Take(count), ct);

    private static IQueryable<HolderEvent> Public(LeadRunnerDb db) =>
        db.HolderEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Public && Kinds.Contains(e.Kind))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    private static async Task<List<Entry>> ReadAsync(IQueryable<HolderEvent> events, CancellationToken ct)
    {
        var rows = await events.Select(e => new
        {
            e.Id, e.At, e.Kind, e.Text, e.Holder!.Year, e.Holder.Enterprise!.Name, e.Holder.Enterprise.Uscc,
            CityName = e.Holder.Enterprise.County!.CityName, CountyName = e.Holder.Enterprise.County.Name,
        }).ToListAsync(ct);
        return [.. rows.Select(r => new Entry(r.Id, r.At, r.At.TodayIn(), r.Kind == HolderEventKind.Revoked ? "revoked" : "expired",
            r.Kind == HolderEventKind.Revoked ? "撤销称号" : "到期终止", r.Name, r.Uscc,
            r.CountyName == r.CityName ? r.CityName : r.CityName + r.CountyName, r.Year, r.Text))];
    }
}

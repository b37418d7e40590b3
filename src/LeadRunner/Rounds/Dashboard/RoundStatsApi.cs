using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Rounds.Dashboard;

/// <summary>
/// A round's statistics for staff, scoped by the query filters (province all, a city its unit, a county its county),
/// and each dashboard chart's numbers as a CSV file. Enterprises are refused by the staff policy.
/// </summary>
public static class RoundStatsApi
{
    public static void MapRoundStats(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rounds/{year:int}/stats").WithTags("年度批次").RequireAuthorization(Policies.Staff);
        group.MapGet("/", Get)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetRoundStats").WithSummary("年度批次统计")
            .WithDescription("工作人员查看年度批次的申报统计（按环节、报送单位、认定条件等），范围随身份而定：省级全省、市级本单位、县级本县；批次不存在或尚未公开返回 404。");
        group.MapGet("/{chart}.csv", Csv)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportRoundStatsChart").WithSummary("导出统计图表数据（CSV）")
            .WithDescription("工作人员把统计页某一图表的数据导出为 CSV 文件（UTF-8），范围同统计接口，导出记入审计日志；图表名或批次不存在返回 404。");
    }

    public static async Task<Results<Ok<RoundStats.Report>, ProblemHttpResult>> Get(int year, RoundStats stats, RoundDirectory rounds, HttpContext http, CancellationToken ct) =>
        await ReadAsync(year, stats, rounds, http, ct) is { } report ? TypedResults.Ok(report) : NoRound(year);

    /// <summary>A chart's numbers as CSV; the export is audited (who, which chart of which round) before it is handed out.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(int year, string chart, RoundStats stats, RoundDirectory rounds, HttpContext http, AuditLog audit,
        LeadRunnerDb db, CancellationToken ct)
    {
        if (!StatsCsv.Charts.TryGetValue(chart, out var title))
        {
            return ApiProblems.NotFound($"没有名为“{chart}”的图表，可下载：{string.Join("、", StatsCsv.Charts.Keys)}。");
        }
        if (await ReadAsync(year, stats, rounds, http, ct) is not { } report)
        {
            return NoRound(year);
        }
        var name = $"{year}年度{title}.csv";
        var file = StatsCsv.Write(chart, report);
        var scope = db.Scope;
        var region = scope.SeesAll ? "全省" : scope.UnitCode is { } unit ? $"报送单位 {unit}" : $"县（市、区）{scope.CountyCode}";
        audit.Record("导出统计数据", name, after: $"图表：{title}（{chart}）；范围：{region}", kind: AuditKinds.Export);
        await db.SaveChangesAsync(ct);
        return TypedResults.File(file, "text/csv; charset=utf-8", name);
    }

    private static async Task<RoundStats.Report?> ReadAsync(int year, RoundStats stats, RoundDirectory rounds, HttpContext http, CancellationToken ct) =>
        rounds.HiddenFrom(year, http.User) ? null : await stats.ReadAsync(year, ct);

    private static ProblemHttpResult NoRound(int year) => ApiProblems.NotFound($"{year} 年度批次不存在或尚未公开。");
}

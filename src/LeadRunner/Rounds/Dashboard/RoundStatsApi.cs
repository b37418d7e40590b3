using LeadRunner.Accounts;
using LeadRunner.Hosting;

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
        group.MapGet("/", Get);
        group.MapGet("/{chart}.csv", Csv);
    }

    public static async Task<IResult> Get(int year, RoundStats stats, RoundDirectory rounds, HttpContext http, CancellationToken ct) =>
        await ReadAsync(year, stats, rounds, http, ct) is { } report ? TypedResults.Ok(report) : NoRound(year);

    public static async Task<IResult> Csv(int year, string chart, RoundStats stats, RoundDirectory rounds, HttpContext http, CancellationToken ct)
    {
        if (!StatsCsv.Charts.TryGetValue(chart, out var title))
        {
            return ApiProblems.NotFound($"没有名为“{chart}”的图表，可下载：{string.Join("、", StatsCsv.Charts.Keys)}。");
        }
        return await ReadAsync(year, stats, rounds, http, ct) is { } report
            ? TypedResults.File(StatsCsv.Write(chart, report), "text/csv; charset=utf-8", $"{year}年度{title}.csv")
            : NoRound(year);
    }

    private static async Task<RoundStats.Report?> ReadAsync(int year, RoundStats stats, RoundDirectory rounds, HttpContext http, CancellationToken ct) =>
        rounds.HiddenFrom(year, http.User) ? null : await stats.ReadAsync(year, ct);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoRound(int year) => ApiProblems.NotFound($"{year} 年度批次不存在或尚未公开。");
}

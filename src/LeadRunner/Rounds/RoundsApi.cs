using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>The rounds: list, detail with pins, copy to next year, open, close, re-pin with preview, export and import. Draft rounds are for administrators only.</summary>
public static class RoundsApi
{
    public sealed record RoundSummary(int Year, string Title, string Status, string StatusLabel);
    public sealed record PinsDto(IReadOnlyDictionary<string, int> Workflows, IReadOnlyDictionary<string, int> Forms, IReadOnlyDictionary<string, int> Templates);
    public sealed record RoundDto(int Year, string Title, string Status, string StatusLabel, DateOnly? NoticeDate, int? SettingsVersion, int? RulesVersion,
        PinsDto Pins, bool FollowsLatest, PinsDto Newer, int? NewerRulesVersion, DateTimeOffset? OpenedAt, string? OpenedBy, DateTimeOffset? ClosedAt);
    public sealed record OpenRequest(DateOnly? NoticeDate);

    /// <summary>A round after its pins changed, and how its running cases are affected.</summary>
    public sealed record Repinned(RoundDto Round, IReadOnlyList<RoundPinning.WorkflowImpact> Impacts);

    /// <summary>What a pin change would do to running cases, nothing saved.</summary>
    public sealed record PinPreview(IReadOnlyList<RoundPinning.WorkflowImpact> Impacts);

    public static void MapRoundsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rounds").WithTags("年度批次");
        group.MapGet("/", List).AllowAnonymous()
            .WithName("ListRounds").WithSummary("年度批次列表")
            .WithDescription("按年度从新到旧列出年度批次及其状态；可匿名访问，筹备中的批次只对系统管理员列出。");
        group.MapGet("/{year:int}", Get).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetRound").WithSummary("年度批次详情")
            .WithDescription("年度批次的状态、公告日期、锁定的流程/表单/模板/认定条件版本及其后的新版本；可匿名访问，筹备中的批次对非管理员返回 404。");
        group.MapPost("/{year:int}/copy-to/{newYear:int}", ProgrammesApi.Copy).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CopyRound").WithSummary("复制为新年度批次")
            .WithDescription("系统管理员把该年度的设置复制为新年度（筹备中），日期顺延到新年度；源年度不存在返回 404，新年度已存在返回 409。");
        group.MapPost("/{year:int}/open", Open).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("OpenRound").WithSummary("开放年度批次")
            .WithDescription("系统管理员开放筹备中的年度批次并锁定当时的最新版本，可同时给出公告日期；批次不存在返回 404，状态不允许返回 409。");
        group.MapPost("/{year:int}/close", Close).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CloseRound").WithSummary("关闭年度批次")
            .WithDescription("系统管理员关闭已开放的年度批次，之后不再受理新申报；批次不存在返回 404，状态不允许返回 409。");
        group.MapPut("/{year:int}/pins", Repin).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RepinRound").WithSummary("更改年度批次锁定版本")
            .WithDescription("系统管理员更改年度批次锁定的流程、表单、模板或认定条件版本，并返回对在办案件的影响；会使在办案件无法继续时返回 409（附影响明细）。");
        group.MapPost("/{year:int}/pins/preview", PreviewPins).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("PreviewRoundPins").WithSummary("预览锁定版本更改")
            .WithDescription("系统管理员试算更改锁定版本对在办案件的影响，不保存；批次不存在返回 404，无法更改返回 409。");
        group.MapGet("/{year:int}/export", RoundExport.Download).RequireAuthorization(Policies.SysAdmin)
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportRound").WithSummary("导出年度批次文件")
            .WithDescription("系统管理员把年度批次（设置、锁定版本的流程/表单/模板、认定条件和工作日历）导出为一个 .round.json 文件，导出记入审计日志；批次不存在返回 404。");
        group.MapPost("/import/preview", RoundImport.Preview).RequireAuthorization(Policies.SysAdmin).DisableAntiforgery()
            .Accepts<RoundImport.RoundFile>("multipart/form-data")
            .WithName("PreviewRoundImport").WithSummary("预览导入年度批次文件")
            .WithDescription("系统管理员上传年度批次文件（表单字段 file，可用 as 指定导入为哪一年度），返回将新建、复用或冲突的内容，不保存；文件有误返回 400。");
        group.MapPost("/import", RoundImport.Post).RequireAuthorization(Policies.SysAdmin).DisableAntiforgery()
            .Accepts<RoundImport.RoundFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ImportRound").WithSummary("导入年度批次文件")
            .WithDescription("系统管理员把年度批次文件导入为本系统的筹备中年度批次，全部内容在一个事务中创建；文件有误返回 400，该年度已存在返回 409。");
    }

    public static async Task<Ok<List<RoundSummary>>> List(LeadRunnerDb db, HttpContext http)
    {
        var admin = http.User.IsInRole(Roles.SysAdmin);
        var rounds = await db.Rounds.AsNoTracking().Where(r => admin || r.Status != RoundStatus.Draft).OrderByDescending(r => r.Year).ToListAsync();
        return TypedResults.Ok(rounds.Select(r => new RoundSummary(r.Year, r.Title, RoundLabels.Key(r.Status), RoundLabels.Status(r.Status))).ToList());
    }

    public static async Task<Results<Ok<RoundDto>, ProblemHttpResult>> Get(int year, LeadRunnerDb db, ProgrammeSettings programmes, RoundDirectory directory, HttpContext http)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year);
        if (round is null || directory.HiddenFrom(year, http.User))
        {
            return ApiProblems.NotFound($"{year} 年度批次不存在或尚未公开。");
        }
        return TypedResults.Ok(await DescribeAsync(round, db, programmes));
    }

    /// <summary>The round with its effective pins (a draft's are the newest versions) and what is newer than each pin.</summary>
    public static async Task<RoundDto> DescribeAsync(Round round, LeadRunnerDb db, ProgrammeSettings programmes) =>
        Describe(round, await LatestVersions.ReadAsync(db), programmes);

    /// <summary>As <see cref="DescribeAsync"/>, against newest versions already read (a page describing every round reads them once).</summary>
    public static RoundDto Describe(Round round, RoundPins latest, ProgrammeSettings programmes)
    {
        var pins = round.PinsJson is null ? latest : RoundPins.FromJson(round.PinsJson);
        static Dictionary<string, int> Newer(Dictionary<string, int> pinned, Dictionary<string, int> newest) =>
            newest.Where(n => !pinned.TryGetValue(n.Key, out var v) || v < n.Value).ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        return new RoundDto(round.Year, round.Title, RoundLabels.Key(round.Status), RoundLabels.Status(round.Status), round.NoticeDate,
            programmes.Current(round.Year)?.Version, pins.RulesVersion,
            new PinsDto(pins.Workflows, pins.Forms, pins.Templates), round.PinsJson is null,
            new PinsDto(Newer(pins.Workflows, latest.Workflows), Newer(pins.Forms, latest.Forms), Newer(pins.Templates, latest.Templates)),
            latest.RulesVersion > pins.RulesVersion ? latest.RulesVersion : null, round.OpenedAt, round.OpenedBy, round.ClosedAt);
    }

    public static async Task<Results<Ok<RoundDto>, ProblemHttpResult>> Open(int year, [FromBody] OpenRequest? request, RoundLifecycle lifecycle, LeadRunnerDb db, ProgrammeSettings programmes, HttpContext http) =>
        await ToResultAsync(await lifecycle.OpenAsync(year, request?.NoticeDate, http.User.Identity!.Name!), db, programmes);

    public static async Task<Results<Ok<RoundDto>, ProblemHttpResult>> Close(int year, RoundLifecycle lifecycle, LeadRunnerDb db, ProgrammeSettings programmes, HttpContext http) =>
        await ToResultAsync(await lifecycle.CloseAsync(year, http.User.Identity!.Name!), db, programmes);

    public static async Task<Results<Ok<Repinned>, ValidationProblem, ProblemHttpResult>> Repin(int year, RoundPinning.PinChange change, RoundPinning pinning,
        LeadRunnerDb db, ProgrammeSettings programmes, HttpContext http) =>
        await pinning.RepinAsync(year, change, http.User.Identity!.Name!) switch
        {
            RoundPinning.Outcome.Done done => TypedResults.Ok(new Repinned(
                await DescribeAsync(await db.Rounds.AsNoTracking().FirstAsync(r => r.Year == year), db, programmes), done.Impacts)),
            var refused => Refusal<Repinned>(refused),
        };

    public static async Task<Results<Ok<PinPreview>, ValidationProblem, ProblemHttpResult>> PreviewPins(int year, RoundPinning.PinChange change, RoundPinning pinning) =>
        await pinning.PreviewAsync(year, change) switch
        {
            RoundPinning.Outcome.Done done => TypedResults.Ok(new PinPreview(done.Impacts)),
            var refused => Refusal<PinPreview>(refused),
        };

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Refusal<T>(RoundPinning.Outcome outcome) => outcome switch
    {
        RoundPinning.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
        RoundPinning.Outcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
        RoundPinning.Outcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        RoundPinning.Outcome.Blocked blocked => TypedResults.Problem(title: "冲突", detail: blocked.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["impacts"] = blocked.Impacts }),
        _ => throw new InvalidOperationException(),
    };

    private static async Task<Results<Ok<RoundDto>, ProblemHttpResult>> ToResultAsync(RoundLifecycle.Outcome outcome, LeadRunnerDb db, ProgrammeSettings programmes) => outcome switch
    {
        RoundLifecycle.Outcome.Done done => TypedResults.Ok(await DescribeAsync(done.Round, db, programmes)),
        RoundLifecycle.Outcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
        RoundLifecycle.Outcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        _ => throw new InvalidOperationException(),
    };
}

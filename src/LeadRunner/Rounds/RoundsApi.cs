using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
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

    public static void MapRoundsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rounds").WithTags("年度批次");
        group.MapGet("/", List).AllowAnonymous();
        group.MapGet("/{year:int}", Get).AllowAnonymous();
        group.MapPost("/{year:int}/copy-to/{newYear:int}", ProgrammesApi.Copy).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/{year:int}/open", Open).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/{year:int}/close", Close).RequireAuthorization(Policies.SysAdmin);
        group.MapPut("/{year:int}/pins", Repin).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/{year:int}/pins/preview", PreviewPins).RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/{year:int}/export", RoundExport.Download).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/import/preview", RoundImport.Preview).RequireAuthorization(Policies.SysAdmin).DisableAntiforgery();
        group.MapPost("/import", RoundImport.Post).RequireAuthorization(Policies.SysAdmin).DisableAntiforgery();
    }

    public static async Task<IResult> List(LeadRunnerDb db, HttpContext http)
    {
        var admin = http.User.IsInRole(Roles.SysAdmin);
        var rounds = await db.Rounds.AsNoTracking().Where(r => admin || r.Status != RoundStatus.Draft).OrderByDescending(r => r.Year).ToListAsync();
        return TypedResults.Ok(rounds.Select(r => new RoundSummary(r.Year, r.Title, RoundLabels.Key(r.Status), RoundLabels.Status(r.Status))).ToList());
    }

    public static async Task<IResult> Get(int year, LeadRunnerDb db, ProgrammeSettings programmes, RoundDirectory directory, HttpContext http)
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

    public static async Task<IResult> Open(int year, [FromBody] OpenRequest? request, RoundLifecycle lifecycle, LeadRunnerDb db, ProgrammeSettings programmes, HttpContext http) =>
        await ToResultAsync(await lifecycle.OpenAsync(year, request?.NoticeDate, http.User.Identity!.Name!), db, programmes);

    public static async Task<IResult> Close(int year, RoundLifecycle lifecycle, LeadRunnerDb db, ProgrammeSettings programmes, HttpContext http) =>
        await ToResultAsync(await lifecycle.CloseAsync(year, http.User.Identity!.Name!), db, programmes);

    public static async Task<IResult> Repin(int year, RoundPinning.PinChange change, RoundPinning pinning, LeadRunnerDb db, ProgrammeSettings programmes, HttpContext http) =>
        ToResult(await pinning.RepinAsync(year, change, http.User.Identity!.Name!), await DescribeYearAsync(year, db, programmes));

    public static async Task<IResult> PreviewPins(int year, RoundPinning.PinChange change, RoundPinning pinning) =>
        ToResult(await pinning.PreviewAsync(year, change), null);

    private static async Task<RoundDto?> DescribeYearAsync(int year, LeadRunnerDb db, ProgrammeSettings programmes) =>
        await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year) is { } round ? await DescribeAsync(round, db, programmes) : null;

    private static IResult ToResult(RoundPinning.Outcome outcome, RoundDto? round) => outcome switch
    {
        RoundPinning.Outcome.Done done when round is null => TypedResults.Ok(new { impacts = done.Impacts }),
        RoundPinning.Outcome.Done done => TypedResults.Ok(new { round, impacts = done.Impacts }),
        RoundPinning.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
        RoundPinning.Outcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
        RoundPinning.Outcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        RoundPinning.Outcome.Blocked blocked => TypedResults.Problem(title: "冲突", detail: blocked.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["impacts"] = blocked.Impacts }),
        _ => throw new InvalidOperationException(),
    };

    private static async Task<IResult> ToResultAsync(RoundLifecycle.Outcome outcome, LeadRunnerDb db, ProgrammeSettings programmes) => outcome switch
    {
        RoundLifecycle.Outcome.Done done => TypedResults.Ok(await DescribeAsync(done.Round, db, programmes)),
        RoundLifecycle.Outcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
        RoundLifecycle.Outcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        _ => throw new InvalidOperationException(),
    };
}

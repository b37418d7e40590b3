using System.Security.Claims;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Outcome = LeadRunner.Publicity.RoundActs.Outcome;

namespace LeadRunner.Publicity;

/// <summary>The round's collective acts over HTTP: the 公示 per batch, real-name objections and their decisions, the final list.</summary>
public static class PublicityApi
{
    public sealed record PublicityRequest(List<long>? CaseIds, DateOnly? Start);
    public sealed record PublicityCreated(int Id, string Slug, string Url, DateOnly Start, DateOnly End);
    public sealed record FinalListRequest(List<long>? CaseIds, string? DocumentNumber, DateOnly? Date);
    public sealed record FinalListCreated(int Id, string Slug, string Url);
    public sealed record ReceiptDto(string Receipt);
    public sealed record InvestigationRequest(string? Note);
    public sealed record DecisionRequest(string? Outcome, string? Comment);
    public sealed record DecisionDto(string Receipt, string Status, string Message);
    public sealed record ObjectionDto(string Receipt, int PublicityId, long CaseId, string Enterprise, string ObjectorType, string Name,
        string? IdNumber, string? Organisation, string Phone, string Facts, IReadOnlyList<Guid> Attachments, DateTimeOffset SubmittedAt,
        string Status, string? Investigation, string? DecisionComment, string? DecidedBy, DateTimeOffset? DecidedAt);

    /// <summary>The objection form's evidence field: its upload rules (types, size) and visitors' upload grants are the form's.</summary>
    public const string EvidenceForm = "objection";

    public static IEndpointRouteBuilder MapPublicityApi(this IEndpointRouteBuilder app)
    {
        var province = app.MapGroup("/api").WithTags("公示与异议").RequireAuthorization(p => p.RequireRole(Roles.Province));
        app.MapPost("/api/rounds/{year:int}/publicity", PublishAsync).WithTags("公示与异议").RequireAuthorization(Policies.Publisher)
            .WithName("PublishRoundPublicity").WithSummary("按批次发布公示")
            .WithDescription("将省级审定通过的案件作为一批公示发布到网站，公示期从下一个工作日起算；须有发布权限。案件有误答 400，批次不存在答 404，案件已公示或状态不符答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/rounds/{year:int}/final-list", FinalListAsync).WithTags("公示与异议").RequireAuthorization(Policies.Publisher)
            .WithName("PublishRoundFinalList").WithSummary("发布认定名单并授牌")
            .WithDescription("公示期满且异议均已处理后，发布认定名单并为名单内企业授牌；须有发布权限。请求有误答 400，批次不存在答 404，公示未满或异议未处理答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/publicity/{id:int}/objections", ObjectAsync).WithTags("公示与异议").AllowAnonymous()
            .RequireRateLimiting(RateLimits.AnonymousSubmissions)
            .WithName("SubmitObjection").WithSummary("公示期内实名提出异议")
            .WithDescription("个人或单位在公示期内对公示的案件实名提出异议，可附证据文件，返回受理编号；可匿名调用。内容有误答 400（逐项说明），上传凭证无效答 403，公示不存在答 404，不在公示期内答 409。")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        province.MapGet("/publicity/{id:int}/objections", ListAsync)
            .WithName("ListPublicityObjections").WithSummary("一批公示收到的异议")
            .WithDescription("列出某批公示收到的全部异议，按收到的先后排列；仅省级工作人员可调用。");
        province.MapGet("/objections/{receipt}", GetAsync)
            .WithName("GetObjection").WithSummary("读取一件异议")
            .WithDescription("按受理编号返回一件异议的详情、核查情况和决定；仅省级工作人员可调用。异议不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        province.MapPut("/objections/{receipt}/investigation", InvestigateAsync)
            .WithName("RecordObjectionInvestigation").WithSummary("记录异议核查情况")
            .WithDescription("记录或更新一件异议的核查情况；仅省级工作人员可调用。说明缺失或过长答 400，异议不存在答 404，已作出决定答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        province.MapPost("/objections/{receipt}/decision", DecideAsync)
            .WithName("DecideObjection").WithSummary("对异议作出决定")
            .WithDescription("对一件异议作出决定：不成立或成立（成立时案件退出认定）；仅省级工作人员可调用。决定或说明有误答 400，异议不存在答 404，已作出决定答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<PublicityCreated>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        int year, PublicityRequest? request, PublicityBatch batch, ClaimsPrincipal user, CancellationToken ct) =>
        await batch.PublishAsync(year, request?.CaseIds, request?.Start, Actor.From(user), ct) switch
        {
            Outcome.Published p => TypedResults.Created(Cms.SiteSections.UrlOf(p.Item.Kind, p.Item.Slug),
                new PublicityCreated(p.Item.Id, p.Item.Slug, Cms.SiteSections.UrlOf(p.Item.Kind, p.Item.Slug), p.Start, p.End)),
            var other => Problem<PublicityCreated>(other),
        };

    private static async Task<Results<Created<FinalListCreated>, ValidationProblem, ProblemHttpResult>> FinalListAsync(
        int year, FinalListRequest? request, FinalList list, ClaimsPrincipal user, CancellationToken ct) =>
        await list.PublishAsync(year, request?.CaseIds, request?.DocumentNumber, request?.Date, Actor.From(user), ct) switch
        {
            Outcome.Published p => TypedResults.Created(Cms.SiteSections.UrlOf(p.Item.Kind, p.Item.Slug),
                new FinalListCreated(p.Item.Id, p.Item.Slug, Cms.SiteSections.UrlOf(p.Item.Kind, p.Item.Slug))),
            var other => Problem<FinalListCreated>(other),
        };

    private static Results<Created<T>, ValidationProblem, ProblemHttpResult> Problem<T>(Outcome outcome) => outcome switch
    {
        Outcome.Invalid i => ApiProblems.Invalid(i.Errors),
        Outcome.NotFound n => ApiProblems.NotFound(n.Message),
        Outcome.Conflict c => ApiProblems.Conflict(c.Message),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    private static async Task<Results<Created<ReceiptDto>, ValidationProblem, ProblemHttpResult>> ObjectAsync(
        int id, ObjectionInput? input, HttpContext http, ObjectionIntake intake, UploadGrants grants, CancellationToken ct)
    {
        if (input is null)
        {
            return ApiProblems.Invalid("body", "请求中缺少异议内容（应为 JSON 对象）。");
        }
        var (grantOwner, grantProblem) = FormUploadGrants.OwnerFor(http.Request, EvidenceForm, grants);
        if (grantProblem is not null)
        {
            return grantProblem;
        }
        return await intake.ReceiveAsync(id, input, grantOwner, ct) switch
        {
            ObjectionIntake.Outcome.Received r => TypedResults.Created($"/api/objections/{r.Objection.Receipt}", new ReceiptDto(r.Objection.Receipt)),
            ObjectionIntake.Outcome.Invalid i => ApiProblems.Invalid(i.Errors),
            ObjectionIntake.Outcome.Closed c => ApiProblems.Conflict(c.Message),
            ObjectionIntake.Outcome.NotFound n => ApiProblems.NotFound(n.Message),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    }

    private static async Task<Ok<ObjectionDto[]>> ListAsync(int id, LeadRunnerDb db, CancellationToken ct)
    {
        var rows = await db.Objections.AsNoTracking().Where(o => o.PublicityId == id).OrderBy(o => o.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(ToDto).ToArray());
    }

    private static async Task<Results<Ok<ObjectionDto>, ProblemHttpResult>> GetAsync(string receipt, LeadRunnerDb db, CancellationToken ct) =>
        await db.Objections.AsNoTracking().FirstOrDefaultAsync(o => o.Receipt == receipt, ct) is { } objection
            ? TypedResults.Ok(ToDto(objection))
            : ApiProblems.NotFound($"异议 {receipt} 不存在。");

    private static async Task<Results<Ok<DecisionDto>, ValidationProblem, ProblemHttpResult>> InvestigateAsync(
        string receipt, InvestigationRequest? request, ObjectionDecisions decisions, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await decisions.RecordInvestigationAsync(receipt, request?.Note, Actor.From(user), ct));

    private static async Task<Results<Ok<DecisionDto>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string receipt, DecisionRequest? request, ObjectionDecisions decisions, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await decisions.DecideAsync(receipt, request?.Outcome, request?.Comment, Actor.From(user), ct));

    private static Results<Ok<DecisionDto>, ValidationProblem, ProblemHttpResult> Answer(ObjectionDecisions.Outcome outcome) => outcome switch
    {
        ObjectionDecisions.Outcome.Done d => TypedResults.Ok(new DecisionDto(d.Objection.Receipt, d.Objection.StatusText, d.Message)),
        ObjectionDecisions.Outcome.Invalid i => ApiProblems.Invalid(i.Field, i.Message),
        ObjectionDecisions.Outcome.NotFound n => ApiProblems.NotFound(n.Message),
        ObjectionDecisions.Outcome.Conflict c => ApiProblems.Conflict(c.Message),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    private static ObjectionDto ToDto(Objection o) => new(o.Receipt, o.PublicityId, o.CaseId, o.EnterpriseName, o.ObjectorType, o.Name,
        o.IdNumber, o.Organisation, o.Phone, o.Facts, o.Attachments, o.SubmittedAt, o.StatusText, o.Investigation, o.DecisionComment, o.DecidedBy, o.DecidedAt);
}

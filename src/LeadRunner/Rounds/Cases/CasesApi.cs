using System.Globalization;
using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Rounds.Cases;

/// <summary>The staff's work lists of a round (JSON and Excel) and the city's ranked recommendation batch.</summary>
public static class CasesApi
{
    public sealed record EnterpriseRef(int Id, string Name, string Uscc);
    public sealed record Item(long Id, EnterpriseRef Enterprise, string UnitCode, string CountyCode, string Step, string StepTitle, string Status,
        bool? Eligible, DateTimeOffset? DueAt, DateTimeOffset? SubmittedAt);
    public sealed record CasePage(int Total, int Page, int PageSize, IReadOnlyList<Item> Items);

    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rounds/{year:int}").WithTags("年度批次案件").RequireAuthorization(Policies.Staff);
        group.MapGet("/cases", List)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListRoundCases").WithSummary("年度批次案件列表")
            .WithDescription("工作人员查看本级管辖范围内该年度的认定案件：可按环节、报送单位、县、状态、认定条件、是否逾期筛选，按名称或信用代码查找，排序、分页；"
                + "批次不存在或尚未公开返回 404，筛选值无效返回 400（逐项说明）。");
        group.MapGet("/cases.xlsx", Export)
            .Produces<Stream>(StatusCodes.Status200OK, XlsxSheet.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportRoundCases").WithSummary("导出年度批次案件列表")
            .WithDescription("按与案件列表相同的筛选条件导出全部案件（Excel .xlsx，中文表头），导出记入审计日志；批次不存在返回 404，筛选值无效返回 400。");
        group.MapPost("/ranking", CityRanking.Post).RequireAuthorization(policy => policy.RequireRole(Roles.City))
            // The typed result declares 200 and 400; a problem's status is known only when it is answered.
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("SubmitCityRanking").WithSummary("报送市级推荐排序")
            .WithDescription("市级工信部门按推荐顺序一次报送本单位待推荐的全部案件（附推荐意见）；缺少或多出案件、已过报送期限返回 409，意见缺失返回 400。");
    }

    public static async Task<Results<Ok<CasePage>, ProblemHttpResult, ValidationProblem>> List(int year, [AsParameters] Query query, HttpContext http, CancellationToken ct)
    {
        var (choices, filter, missing, invalid) = await query.ResolveAsync(year, http.User, ct);
        if (missing is not null)
        {
            return missing;
        }
        if (invalid is not null)
        {
            return invalid;
        }
        var result = await query.Cases.ListAsync(choices!, filter!, allPages: false, ct);
        return TypedResults.Ok(new CasePage(result.Total, filter!.Page, filter.PageSize,
            [.. result.Rows.Select(r => new Item(r.Id, new EnterpriseRef(r.EnterpriseId, r.Name, r.Uscc), r.UnitCode, r.CountyCode, r.Step,
                choices!.StepTitle(r.Step), CaseChoices.StatusOf(r.Status, r.Outcome), r.Eligible, r.DueAt, r.SubmittedAt))]));
    }

    /// <summary>The list as a workbook; the export is audited (who, which filter, how many rows) before it is handed out.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Export(int year, [AsParameters] Query query, HttpContext http,
        TimeProvider clock, AuditLog audit, CancellationToken ct)
    {
        var (choices, filter, missing, invalid) = await query.ResolveAsync(year, http.User, ct);
        if (missing is not null)
        {
            return missing;
        }
        if (invalid is not null)
        {
            return invalid;
        }
        var result = await query.Cases.ListAsync(choices!, filter!, allPages: true, ct);
        var name = string.Create(CultureInfo.InvariantCulture, $"{year}年度案件列表_{clock.GetUtcNow().ToChina():yyyyMMdd_HHmmss}.xlsx");
        var workbook = await CaseListExport.WriteAsync(choices!, result.Rows, ct);
        audit.Record("导出案件列表", name, after: string.Create(CultureInfo.InvariantCulture, $"{filter!.Describe(choices!)}；共 {result.Rows.Count} 条"), kind: AuditKinds.Export);
        await query.Db.SaveChangesAsync(ct);
        return TypedResults.File(workbook, XlsxSheet.ContentType, name);
    }

    /// <summary>The list's query string and services; resolving it checks the round and every filter value.</summary>
    public sealed class Query
    {
        public string? Step { get; init; }
        public string? Unit { get; init; }
        public string? County { get; init; }
        public string? Status { get; init; }
        public string? Eligible { get; init; }
        public string? Overdue { get; init; }
        public string? Q { get; init; }
        public string? Sort { get; init; }
        public string? Page { get; init; }
        public string? PageSize { get; init; }

        public required LeadRunnerDb Db { get; init; }
        public required RoundDirectory Rounds { get; init; }
        public required DefinitionCache Definitions { get; init; }
        public required RoundCaseList Cases { get; init; }

        /// <summary>The round's choices and the parsed filter, or the 404 for a round not there (or not public) or the 400 naming each bad filter value.</summary>
        public async Task<(CaseChoices? Choices, CaseFilter? Filter, ProblemHttpResult? Missing, ValidationProblem? Invalid)> ResolveAsync(int year,
            System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var choices = await CaseChoices.LoadAsync(year, Db, Rounds, Definitions, user, ct);
            if (choices is null)
            {
                return (null, null, ApiProblems.NotFound($"{year} 年度批次不存在或尚未公开。"), null);
            }
            var (filter, errors) = CaseFilter.Parse(new CaseFilter.Raw(Step, Unit, County, Status, Eligible, Overdue, Q, Sort, Page, PageSize), choices);
            return filter is null ? (choices, null, null, ApiProblems.Invalid(errors)) : (choices, filter, null, null);
        }
    }
}

using System.Globalization;
using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Versions;

namespace LeadRunner.Rounds.Cases;

/// <summary>The staff's work lists of a round (JSON and Excel) and the city's ranked recommendation batch.</summary>
public static class CasesApi
{
    public sealed record EnterpriseRef(int Id, string Name, string Uscc);
    public sealed record Item(long Id, EnterpriseRef Enterprise, string UnitCode, string CountyCode, string Step, string StepTitle, string Status,
        bool? Eligible, DateTimeOffset? DueAt, DateTimeOffset? SubmittedAt);

    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rounds/{year:int}").WithTags("年度批次案件").RequireAuthorization(Policies.Staff);
        group.MapGet("/cases", List).WithSummary("本级管辖范围内该年度的认定案件：按环节、报送单位、县、状态、认定条件、是否逾期筛选，按名称或信用代码查找，排序、分页");
        group.MapGet("/cases.xlsx", Export).WithSummary("按同样的筛选条件导出案件列表（Excel .xlsx，中文表头）");
        group.MapPost("/ranking", CityRanking.Post).RequireAuthorization(policy => policy.RequireRole(Roles.City)).WithSummary("市级工信部门按推荐排序一次报送本单位待审核推荐的全部案件");
    }

    public static async Task<IResult> List(int year, [AsParameters] Query query, HttpContext http, CancellationToken ct)
    {
        var (choices, filter, problem) = await query.ResolveAsync(year, http.User, ct);
        if (problem is not null)
        {
            return problem;
        }
        var result = await query.Cases.ListAsync(choices!, filter!, allPages: false, ct);
        return TypedResults.Ok(new
        {
            total = result.Total,
            page = filter!.Page,
            pageSize = filter.PageSize,
            items = result.Rows.Select(r => new Item(r.Id, new EnterpriseRef(r.EnterpriseId, r.Name, r.Uscc), r.UnitCode, r.CountyCode, r.Step,
                choices!.StepTitle(r.Step), CaseChoices.StatusOf(r.Status, r.Outcome), r.Eligible, r.DueAt, r.SubmittedAt)).ToList(),
        });
    }

    /// <summary>The list as a workbook; the export is audited (who, which filter, how many rows) before it is handed out.</summary>
    public static async Task<IResult> Export(int year, [AsParameters] Query query, HttpContext http, TimeProvider clock, AuditLog audit, CancellationToken ct)
    {
        var (choices, filter, problem) = await query.ResolveAsync(year, http.User, ct);
        if (problem is not null)
        {
            return problem;
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

        public async Task<(CaseChoices? Choices, CaseFilter? Filter, IResult? Problem)> ResolveAsync(int year, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var choices = await CaseChoices.LoadAsync(year, Db, Rounds, Definitions, user, ct);
            if (choices is null)
            {
                return (null, null, ApiProblems.NotFound($"{year} 年度批次不存在或尚未公开。"));
            }
            var (filter, errors) = CaseFilter.Parse(new CaseFilter.Raw(Step, Unit, County, Status, Eligible, Overdue, Q, Sort, Page, PageSize), choices);
            return filter is null ? (choices, null, ApiProblems.Invalid(errors)) : (choices, filter, null);
        }
    }
}

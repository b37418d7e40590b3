using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Enterprises.Pool;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

public static class EnterprisesApi
{
    public sealed record EnterpriseDto(int Id, string Name, string Uscc, string CountyCode, string CountyName,
        string UnitCode, string UnitName, int ClusterId, string ClusterName, string IndustryCategory);

    public sealed record ClusterDto(int Id, string Name, string CountyCode, string CountyName, string IndustryCategory, bool Active);

    public static void MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enterprises").WithTags("企业");
        group.MapGet("/uscc/{code}/check", CheckUscc).AllowAnonymous()
            .WithName("CheckUscc").WithSummary("校验统一社会信用代码")
            .WithDescription("按国家标准校验统一社会信用代码的格式和校验位，并说明错在哪里；可匿名访问，不查询企业是否存在。");
        group.MapGet("/", List).RequireAuthorization()
            .WithName("ListEnterprises").WithSummary("企业列表")
            .WithDescription("管辖范围内的企业（企业只能看到本企业），可按报送单位（unitCode）或县（countyCode）筛选，按县和名称排序。");
        group.MapGet("/{id:int}", Get).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetEnterprise").WithSummary("企业详情")
            .WithDescription("一家企业的名称、信用代码、所在县、报送单位和产业集群；不存在或不在管辖范围内返回 404。");
        group.MapPost("/", Register).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RegisterEnterprise").WithSummary("登记企业")
            .WithDescription("工作人员在本级管辖范围内登记一家企业；内容有误返回 400，县不存在返回 404，县不在管辖范围内返回 403，信用代码已登记返回 409。");
        group.MapPost("/{id:int}/account", ActivateAccount).RequireAuthorization(Policies.EnterpriseAccounts)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ActivateEnterpriseAccount").WithSummary("开通企业账号")
            .WithDescription("企业所在县或安全管理员为企业开通账号，返回只显示一次的一次性密码；无法开通返回 400，企业不存在或不在管辖范围内返回 404。");

        app.MapGet("/api/clusters", ListClusters).WithTags("企业").AllowAnonymous()
            .WithName("ListClusters").WithSummary("产业集群列表")
            .WithDescription("全省特色产业集群及其所在县和产业类别，includeInactive=true 时包括已停用的集群；可匿名访问。");
        app.MapPoolApi();
    }

    public static Ok<UsccValidator.Result> CheckUscc(string code) => TypedResults.Ok(UsccValidator.Validate(code));

    public static async Task<Ok<EnterpriseDto[]>> List(LeadRunnerDb db, string? unitCode, string? countyCode, CancellationToken ct)
    {
        var query = db.Enterprises.AsQueryable();
        if (!string.IsNullOrEmpty(unitCode))
        {
            query = query.Where(e => e.County!.UnitCode == unitCode);
        }
        if (!string.IsNullOrEmpty(countyCode))
        {
            query = query.Where(e => e.CountyCode == countyCode);
        }
        return TypedResults.Ok(await Project(query.OrderBy(e => e.CountyCode).ThenBy(e => e.Name)).ToArrayAsync(ct));
    }

    public static async Task<Results<Ok<EnterpriseDto>, ProblemHttpResult>> Get(int id, LeadRunnerDb db, CancellationToken ct)
    {
        var enterprise = await Project(db.Enterprises.Where(e => e.Id == id)).FirstOrDefaultAsync(ct);
        return enterprise is null ? ApiProblems.NotFound($"企业 {id} 不存在或不在您的管辖范围内。") : TypedResults.Ok(enterprise);
    }

    public static async Task<Results<Created<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> Register(
        EnterpriseRegistration.Request request, EnterpriseRegistration registration, LeadRunnerDb db, CancellationToken ct)
    {
        var outcome = await registration.RegisterAsync(request, ct);
        switch (outcome)
        {
            case EnterpriseRegistration.Outcome.Registered registered:
                var dto = await Project(db.Enterprises.Where(e => e.Id == registered.Enterprise.Id)).FirstAsync(ct);
                return TypedResults.Created($"/api/enterprises/{dto.Id}", dto);
            case EnterpriseRegistration.Outcome.Invalid invalid:
                return ApiProblems.Invalid(invalid.Errors);
            case EnterpriseRegistration.Outcome.UnknownCounty unknown:
                return ApiProblems.NotFound(unknown.Message);
            case EnterpriseRegistration.Outcome.OutOfScope outOfScope:
                return ApiProblems.Forbidden(outOfScope.Message);
            case EnterpriseRegistration.Outcome.Duplicate duplicate:
                return ApiProblems.Conflict(duplicate.Message);
            default:
                throw new InvalidOperationException("未知的登记结果。");
        }
    }

    public static async Task<Ok<ClusterDto[]>> ListClusters(LeadRunnerDb db, bool? includeInactive, CancellationToken ct) =>
        TypedResults.Ok(await db.Clusters.Where(c => includeInactive == true || c.Active).OrderBy(c => c.CountyCode).ThenBy(c => c.Name)
            .Select(c => new ClusterDto(c.Id, c.Name, c.CountyCode, c.County!.Name, c.IndustryCategory, c.Active)).ToArrayAsync(ct));

    public static IQueryable<EnterpriseDto> Project(IQueryable<Enterprise> query) =>
        query.Select(e => new EnterpriseDto(e.Id, e.Name, e.Uscc, e.CountyCode, e.County!.Name, e.County.UnitCode,
            e.County.Unit!.Name, e.ClusterId, e.Cluster!.Name, e.IndustryCategory));

    /// <summary>Opens the enterprise's account with a one-time password (by its county, or the security administrator).</summary>
    private static async Task<Results<Created<Accounts.Admin.AccountsApi.Issued>, ValidationProblem, ProblemHttpResult>> ActivateAccount(
        int id, Accounts.Admin.AccountAdministration accounts, System.Security.Claims.ClaimsPrincipal caller) =>
        await accounts.ActivateEnterpriseAsync(id, caller) switch
        {
            Accounts.Admin.AccountAdministration.Outcome.Done { User: var user, OneTimePassword: { } password } =>
                TypedResults.Created($"/api/accounts/{user.Id}", new Accounts.Admin.AccountsApi.Issued(user.Id, user.UserName!, password,
                    "企业账号已开通。一次性密码只显示这一次，请交给企业，企业首次登录时须修改。")),
            Accounts.Admin.AccountAdministration.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            _ => ApiProblems.NotFound($"企业 {id} 不存在或不在您的管辖范围内。"),
        };
}

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
        group.MapGet("/uscc/{code}/check", CheckUscc).AllowAnonymous();
        group.MapGet("/", List).RequireAuthorization();
        group.MapGet("/{id:int}", Get).RequireAuthorization();
        group.MapPost("/", Register).RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:int}/account", ActivateAccount).RequireAuthorization(Policies.EnterpriseAccounts);

        app.MapGet("/api/clusters", ListClusters).WithTags("企业").AllowAnonymous();
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

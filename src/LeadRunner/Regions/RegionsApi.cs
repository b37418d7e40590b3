using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Regions;

public static class RegionsApi
{
    public sealed record UnitDto(string Code, string Name);
    public sealed record CountyDto(string Code, string Name, string UnitCode, string UnitName);
    public sealed record ChangeUnitRequest(string? UnitCode, string? Reason);

    public static void MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regions").WithTags("行政区划");
        group.MapGet("/units", GetUnits).AllowAnonymous()
            .WithName("ListReportingUnits").WithSummary("报送单位列表")
            .WithDescription("全省各报送单位（市级工信部门）的代码和名称，按规定顺序排列；可匿名访问。");
        group.MapGet("/units/{unitCode}/counties", GetUnitCounties).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListUnitCounties").WithSummary("报送单位所辖县（市、区）")
            .WithDescription("一个报送单位所辖的县级行政区划，按代码排列；可匿名访问，报送单位不存在返回 404。");
        group.MapGet("/counties/{countyCode}", GetCounty).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCounty").WithSummary("县（市、区）详情")
            .WithDescription("一个县级行政区划的名称及其报送单位；可匿名访问，代码不存在返回 404。");
        group.MapPut("/counties/{countyCode}/unit", ChangeUnit).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ChangeCountyUnit").WithSummary("调整县的报送单位")
            .WithDescription("系统管理员把一个县（市、区）划归另一报送单位，须说明理由；报送单位或理由有误返回 400，县不存在返回 404。");
    }

    public static async Task<Ok<UnitDto[]>> GetUnits(LeadRunnerDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.ReportingUnits.OrderBy(u => u.SortOrder).Select(u => new UnitDto(u.Code, u.Name)).ToArrayAsync(ct));

    public static async Task<Results<Ok<CountyDto[]>, ProblemHttpResult>> GetUnitCounties(string unitCode, LeadRunnerDb db, CancellationToken ct)
    {
        if (!await db.ReportingUnits.AnyAsync(u => u.Code == unitCode, ct))
        {
            return ApiProblems.NotFound($"报送单位代码“{unitCode}”不存在。");
        }
        return TypedResults.Ok(await db.Counties.Where(c => c.UnitCode == unitCode).OrderBy(c => c.Code)
            .Select(c => new CountyDto(c.Code, c.Name, c.UnitCode, c.Unit!.Name)).ToArrayAsync(ct));
    }

    public static async Task<Results<Ok<CountyDto>, ProblemHttpResult>> GetCounty(string countyCode, LeadRunnerDb db, CancellationToken ct)
    {
        var county = await db.Counties.Where(c => c.Code == countyCode)
            .Select(c => new CountyDto(c.Code, c.Name, c.UnitCode, c.Unit!.Name)).FirstOrDefaultAsync(ct);
        return county is null ? ApiProblems.NotFound($"县级行政区划代码“{countyCode}”不存在。") : TypedResults.Ok(county);
    }

    public static async Task<Results<Ok<CountyDto>, ProblemHttpResult, ValidationProblem>> ChangeUnit(
        string countyCode, ChangeUnitRequest request, CountyMapping mapping, CancellationToken ct)
    {
        var result = await mapping.ChangeAsync(countyCode, request.UnitCode, request.Reason, ct);
        return result switch
        {
            CountyMapping.Outcome.Changed changed => TypedResults.Ok(changed.County),
            CountyMapping.Outcome.UnknownCounty => ApiProblems.NotFound($"县级行政区划代码“{countyCode}”不存在。"),
            CountyMapping.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Field, invalid.Message),
            _ => throw new InvalidOperationException(),
        };
    }
}

using LeadRunner.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises.Pool;

/// <summary>Pool decisions in the caller's scope: an enterprise sees its own, a county its county's, a city its unit's.</summary>
public static class PoolApi
{
    public static void MapPoolApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/pool", List).WithTags("企业").RequireAuthorization()
            .WithName("ListPoolMemberships").WithSummary("培育库入库记录")
            .WithDescription("管辖范围内的培育库入库、出库决定（企业看本企业，县看本县，市看本单位），新的在前，最多 1000 条；enterpriseId 给出一家企业的全部记录。");

    /// <summary>Every decision, newest first; with <c>enterpriseId</c> one enterprise's history.</summary>
    public static async Task<Ok<PoolStanding.MembershipDto[]>> List(LeadRunnerDb db, int? enterpriseId, CancellationToken ct)
    {
        var query = db.PoolMemberships.AsQueryable();
        if (enterpriseId is { } id)
        {
            query = query.Where(m => m.EnterpriseId == id);
        }
        return TypedResults.Ok(await PoolStanding.Project(db, query.OrderByDescending(m => m.Id)).Take(1000).ToArrayAsync(ct));
    }
}

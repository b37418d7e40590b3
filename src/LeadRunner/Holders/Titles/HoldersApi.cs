using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Titles;

/// <summary>GET /api/holders: title holders within the caller's scope (an enterprise sees itself).</summary>
public static class HoldersApi
{
    public const int MaxRows = 5000;

    public static IEndpointRouteBuilder MapHoldersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/holders", List).WithTags("称号持有企业").RequireAuthorization()
            .WithName("ListHolders").WithSummary("“领跑者”称号持有企业")
            .WithDescription("按年度、报送单位和状态筛选管辖范围内的称号持有企业，最多 5000 条；企业只能看到本企业。年度或状态无效返回 400。");
        return app;
    }

    public static async Task<Results<Ok<HolderListing.HolderDto[]>, ValidationProblem>> List(LeadRunnerDb db, int? year, string? unit, string? status, CancellationToken ct)
    {
        var (parsed, error) = HolderListing.ParseStatus(status);
        if (error is not null)
        {
            return ApiProblems.Invalid("status", error);
        }
        if (year is < 2000 or > 2100)
        {
            return ApiProblems.Invalid("year", "年度须在 2000 至 2100 之间。");
        }
        var rows = await HolderListing.Rows(db.TitleHolders, new HolderListing.Filter(year, unit, parsed)).Take(MaxRows).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(HolderListing.Dto).ToArray());
    }
}

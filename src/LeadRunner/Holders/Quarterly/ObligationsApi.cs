using System.Globalization;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// GET /api/holders/{uscc}/obligations: what a holder owes and by when — quarterly updates, change filings and
/// re-reviews, whoever wrote them — with its status today (open, done, overdue). Scoped like the enterprise.
/// </summary>
public static class ObligationsApi
{
    public sealed record ObligationDto(string Kind, string Period, string DueDate, string Status);

    /// <summary>Those who work with holders: the enterprise itself and the three levels of staff (not the administrators).</summary>
    public static readonly string[] HolderRoles = [Roles.Enterprise, Roles.County, Roles.City, Roles.Province];

    public static IEndpointRouteBuilder MapObligationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/holders/{uscc}/obligations", List).WithTags("称号持有企业")
            .RequireAuthorization(policy => policy.RequireRole(HolderRoles))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListHolderObligations").WithSummary("称号持有企业的义务")
            .WithDescription("一家称号持有企业应履行的季度数据更新、变更备案和三年复核及截止日期，并给出今天的状态（待履行、已履行、已逾期）；"
                + "企业本身和县、市、省工作人员可查，范围同企业。信用代码格式有误返回 400，企业不存在或不在管辖范围内返回 404。");
        return app;
    }

    public static async Task<Results<Ok<ObligationDto[]>, ValidationProblem, ProblemHttpResult>> List(string uscc, LeadRunnerDb db, TimeProvider clock, CancellationToken ct)
    {
        if (HolderLookup.Malformed(uscc) is { } malformed)
        {
            return ApiProblems.Invalid("uscc", malformed);
        }
        if (await HolderLookup.FindAsync(db, uscc, ct) is not { } enterprise)
        {
            return ApiProblems.NotFound(HolderLookup.NotFound(uscc));
        }
        var today = clock.TodayInChina();
        var rows = await db.Obligations.AsNoTracking().Where(o => o.EnterpriseId == enterprise.EnterpriseId)
            .OrderBy(o => o.DueDate).ThenBy(o => o.Kind).ThenBy(o => o.Period).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(o => new ObligationDto(KindName(o.Kind), o.Period,
            o.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.StatusOn(today))).ToArray());
    }

    public static string KindName(ObligationKind kind) => kind switch
    {
        ObligationKind.QuarterlyUpdate => "quarterlyUpdate",
        ObligationKind.ChangeFiling => "changeFiling",
        ObligationKind.ReReview => "reReview",
        _ => kind.ToString(),
    };

    public static string KindTitle(ObligationKind kind) => kind switch
    {
        ObligationKind.QuarterlyUpdate => "季度数据更新",
        ObligationKind.ChangeFiling => "变更备案",
        ObligationKind.ReReview => "三年复核",
        _ => kind.ToString(),
    };

    public static string StatusTitle(string status) => status switch
    {
        "done" => "已履行",
        "overdue" => "已逾期",
        _ => "待履行",
    };
}

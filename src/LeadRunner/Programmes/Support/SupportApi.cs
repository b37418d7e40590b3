using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Programmes.Support;

/// <summary>The body of POST /api/support/calculate: amounts in yuan, every policy optional.</summary>
/// <param name="Year">The year whose support settings apply.</param>
/// <param name="EquipmentInvestment">Last year's actual investment in advanced production, R&amp;D, testing and trial equipment.</param>
/// <param name="MergerCompleted">A merger (acquisition) completed.</param>
/// <param name="RevenueBefore">Annual revenue before the merger.</param>
/// <param name="RevenueAfter">Annual revenue after the merger.</param>
/// <param name="NewTop500">First entry into China's top-500 private enterprises or top-500 manufacturers.</param>
public sealed record SupportRequest(int? Year, decimal? EquipmentInvestment, bool? MergerCompleted, decimal? RevenueBefore, decimal? RevenueAfter, bool? NewTop500);

/// <summary>One policy's amount in yuan, with the numbers that make it.</summary>
public sealed record SupportItem(string Policy, decimal Amount, string Explanation)
{
    /// <summary>
    /// Which reward this is ("equipment", "merger", "revenue:5000000000", "top500"; null for a milestone not reached):
    /// what a support claim may be paid once for. Not part of the calculator's answer.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Reward { get; init; }
}

public sealed record SupportResult(IReadOnlyList<SupportItem> Items, decimal Total);

/// <summary>POST /api/support/calculate: what the support policies would give; anonymous, nothing stored.</summary>
public static class SupportApi
{
    public static void MapSupportApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/support/calculate", Calculate).WithTags("支持政策").AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions)
            .WithName("CalculateSupport").WithSummary("支持资金试算")
            .WithDescription("按该年度支持政策试算设备投资、兼并重组、营业收入跨越和首次进入500强可获得的支持资金（元），逐项说明计算依据，不保存；"
                + "可匿名访问并限流，数据有误返回 400（逐项说明）。");

    public static Results<Ok<SupportResult>, ValidationProblem> Calculate(SupportRequest request, SupportCalculator calculator)
    {
        var outcome = calculator.Calculate(request);
        return outcome.Result is { } result ? TypedResults.Ok(result) : ApiProblems.Invalid(outcome.Errors);
    }
}

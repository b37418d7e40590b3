using LeadRunner.Hosting;

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
        app.MapPost("/api/support/calculate", Calculate).WithTags("支持政策").AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions);

    public static IResult Calculate(SupportRequest request, SupportCalculator calculator)
    {
        var outcome = calculator.Calculate(request);
        return outcome.Result is { } result ? TypedResults.Ok(result) : ApiProblems.Invalid(outcome.Errors);
    }
}

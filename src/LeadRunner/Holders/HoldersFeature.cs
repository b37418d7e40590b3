using LeadRunner.Holders.Changes;
using LeadRunner.Holders.ReReview;
using LeadRunner.Holders.Quarterly;
using LeadRunner.Holders.Revocation;
using LeadRunner.Holders.Support;
using LeadRunner.Holders.Titles;
using LeadRunner.Workflow.Runtime.Effects;

namespace LeadRunner.Holders;

/// <summary>Registration of what follows recognition: holders, obligations, filings, re-review, revocation, support claims.</summary>
public static class HoldersFeature
{
    public static IServiceCollection AddHolders(this IServiceCollection services) => services
        .AddScoped<HolderYear>()
        .AddScoped<RevocationCases>()
        .AddScoped<ReReviewScheduler>()
        .AddScoped<IEffect, GrantTitleEffect>()
        .AddScoped<IEffect, RecordTitleDecisionEffect>()
        .AddScoped<IEffect, RecordChangeFilingEffect>()
        .AddScoped<SupportClaimRules>()
        .AddScoped<IEffect, RecordSupportClaimEffect>()
        .AddScoped<IEffect, DecideSupportClaimEffect>()
        .AddQuarterly();

    public static IEndpointRouteBuilder MapHolders(this IEndpointRouteBuilder app) => app
        .MapHoldersApi()
        .MapRevocationApi()
        .MapTitleChangeLogApi()
        .MapSupportClaims()
        .MapQuarterly();
}

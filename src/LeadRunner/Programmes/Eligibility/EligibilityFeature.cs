using LeadRunner.Programmes.Support;
using LeadRunner.Scripting;
using LeadRunner.Versioning;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>Registration of the eligibility rules and the support calculator: one call each from the app's composition.</summary>
public static class EligibilityFeature
{
    public static IServiceCollection AddEligibility(this IServiceCollection services)
    {
        services.TryAddSingleton<ScriptSandbox>();
        services.AddSingleton<EligibilityRuleSet>();
        services.AddSingleton<EligibilityEvaluator>();
        services.AddSingleton<ProgrammeYears>();
        services.AddSingleton<SupportCalculator>();
        services.AddScoped<EligibilityRuleStore>();
        services.AddArtifactKind<RuleKind>();
        services.AddScoped<CategoryRules>();
        return services;
    }

    public static IEndpointRouteBuilder MapEligibility(this IEndpointRouteBuilder app)
    {
        app.MapEligibilityApi();
        app.MapSupportApi();
        return app;
    }
}

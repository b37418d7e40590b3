using LeadRunner.Workflow.Runtime.Effects;

namespace LeadRunner.Holders.Quarterly;

/// <summary>Quarterly updates (第十五条): due dates, the planner, the fulfilObligation effect, disclosures and obligations.</summary>
public static class QuarterlyFeature
{
    public static IServiceCollection AddQuarterly(this IServiceCollection services)
    {
        services.AddSingleton<QuarterDue>();
        services.AddSingleton<QuarterlyPlanner>();
        services.AddScoped<IEffect, FulfilObligationEffect>();
        services.AddScoped<IEffect, RaiseRevocationEffect>();
        services.AddScoped<QuarterlyFilings>();
        services.AddScoped<QuarterlyPrefill>();
        // Runs wherever the timers run (Workflow:TimersEnabled); tests run the planner themselves, like the timers.
        services.AddHostedService<QuarterlyPlannerService>();
        return services;
    }

    public static IEndpointRouteBuilder MapQuarterly(this IEndpointRouteBuilder app)
    {
        app.MapObligationsApi();
        app.MapDisclosuresApi();
        return app;
    }
}

using LeadRunner.Rounds.Dashboard;
using LeadRunner.Rounds.Cases;

namespace LeadRunner.Rounds;

public static class RoundsFeature
{
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddSingleton<RoundDirectory>();
        services.AddScoped<RoundLifecycle>();
        services.AddScoped<RoundPinning>();
        services.AddScoped<RoundExport>();
        services.AddScoped<RoundUsage>();
        services.AddScoped<RoundImportPlanner>();
        services.AddScoped<RoundImport>();
        services.AddSingleton<RoundCaches>();
        services.AddScoped<RoundStats>();
        services.AddScoped<RoundCaseList>();
        services.AddScoped<CityRanking>();
        return services;
    }

    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        app.MapRoundsApi();
        app.MapRoundStats();
        app.MapCasesApi();
        return app;
    }
}

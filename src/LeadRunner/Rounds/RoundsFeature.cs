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
        services.AddScoped<RoundCaseList>();
        services.AddScoped<CityRanking>();
        return services;
    }

    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        app.MapRoundsApi();
        app.MapCasesApi();
        return app;
    }
}

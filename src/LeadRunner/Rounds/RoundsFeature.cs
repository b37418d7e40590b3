namespace LeadRunner.Rounds;

public static class RoundsFeature
{
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddSingleton<RoundDirectory>();
        services.AddScoped<RoundLifecycle>();
        services.AddScoped<RoundPinning>();
        return services;
    }

    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        app.MapRoundsApi();
        return app;
    }
}

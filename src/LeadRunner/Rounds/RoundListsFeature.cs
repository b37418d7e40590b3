namespace LeadRunner.Rounds;

/// <summary>Registration of the rounds' reference lists: one call each from the app's composition.</summary>
public static class RoundListsFeature
{
    public static IServiceCollection AddRoundLists(this IServiceCollection services)
    {
        services.AddScoped<RoundLists>();
        services.AddScoped<RoundListUsage>();
        return services;
    }

    public static IEndpointRouteBuilder MapRoundLists(this IEndpointRouteBuilder app)
    {
        app.MapRoundListsApi();
        return app;
    }
}

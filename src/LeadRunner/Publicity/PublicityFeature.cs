namespace LeadRunner.Publicity;

/// <summary>Registration of the round's collective acts: 公示 batches, objections, the final list.</summary>
public static class PublicityFeature
{
    public static IServiceCollection AddPublicity(this IServiceCollection services) => services
        .AddScoped<PublicityBatch>()
        .AddScoped<FinalList>()
        .AddScoped<ObjectionIntake>()
        .AddScoped<ObjectionDecisions>();

    public static IEndpointRouteBuilder MapPublicity(this IEndpointRouteBuilder app) => app.MapPublicityApi();
}

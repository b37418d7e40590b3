namespace LeadRunner.Programmes;

public static class ProgrammesFeature
{
    public static IServiceCollection AddProgrammes(this IServiceCollection services)
    {
        services.AddSingleton<ProgrammeSchema>();
        services.AddSingleton<ProgrammeValidator>();
        services.AddSingleton<ProgrammeSettings>();
        services.AddScoped<ProgrammeStore>();
        services.AddScoped<DeadlinePolicy>();
        services.AddScoped<ExtensionGrants>();
        return services;
    }
}

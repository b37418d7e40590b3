using LeadRunner.Versioning;

namespace LeadRunner.Programmes;

public static class ProgrammesFeature
{
    public static IServiceCollection AddProgrammes(this IServiceCollection services)
    {
        services.AddSingleton<ProgrammeSchema>();
        services.AddSingleton<ProgrammeValidator>();
        services.AddSingleton<ProgrammeSettings>();
        services.AddScoped<ProgrammeStore>();
        services.AddArtifactKind<SettingsKind>();
        services.AddScoped<DeadlinePolicy>();
        services.AddScoped<ExtensionGrants>();
        return services;
    }
}

namespace LeadRunner.Versioning;

/// <summary>Registration of the shared versioning; each feature registers its own <see cref="ArtifactKind"/>.</summary>
public static class VersioningFeature
{
    public static IServiceCollection AddVersioning(this IServiceCollection services)
    {
        services.AddScoped<ArtifactStore>();
        return services;
    }

    /// <summary>Registers a kind both as itself (for its own operations) and as one of the store's kinds.</summary>
    public static IServiceCollection AddArtifactKind<TKind>(this IServiceCollection services) where TKind : ArtifactKind
    {
        services.AddScoped<TKind>();
        services.AddScoped<ArtifactKind>(sp => sp.GetRequiredService<TKind>());
        return services;
    }
}

using Microsoft.AspNetCore.DataProtection;

namespace LeadRunner.Operations;

public static class OperationsFeature
{
    /// <summary>
    /// Data Protection keys (cookies, tokens, antiforgery) persisted beside the database rather than in the home
    /// folder, so a backup carries them and a restored installation keeps its users signed in.
    /// </summary>
    public static IServiceCollection AddPersistedDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var paths = InstallationPaths.From(configuration, contentRoot);
        services.AddDataProtection()
            .SetApplicationName("LeadRunner")
            .PersistKeysToFileSystem(Directory.CreateDirectory(paths.KeysFolder));
        return services;
    }
}

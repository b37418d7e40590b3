using LeadRunner.Data;

namespace LeadRunner.Documents.Packages;

/// <summary>Submission packages (ZIP) of a reporting unit, built in the background.</summary>
public static class PackagesFeature
{
    public static IServiceCollection AddPackages(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<PackageOptions>().Bind(configuration.GetSection("Packages")).PostConfigure(options =>
        {
            options.Folder = string.IsNullOrWhiteSpace(options.Folder)
                ? Path.Combine(DatabaseFolder(configuration, contentRoot), "packages")
                : Path.GetFullPath(options.Folder, contentRoot);
        });
        services.AddScoped<PackageBuilder>();
        services.AddScoped<PackageJobs>();
        services.AddHostedService<PackageWorker>();
        return services;
    }

    public static void MapPackages(this IEndpointRouteBuilder app) => app.MapPackagesApi();

    /// <summary>Packages live in the app's data folder (beside a SQLite database; an in-memory one falls back to the temp folder).</summary>
    private static string DatabaseFolder(IConfiguration configuration, string contentRoot) =>
        DatabaseSettings.From(configuration, contentRoot).DataFolder;
}

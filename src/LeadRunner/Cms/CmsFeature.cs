using LeadRunner.Cms.Editing;
using LeadRunner.Versioning;

namespace LeadRunner.Cms;

/// <summary>Registration of the public site's content: rendering, editing, scheduling and the cache of public pages.</summary>
public static class CmsFeature
{
    public static IServiceCollection AddCms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HostedForms.FormEmbeds>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddOutputCache();
        services.AddSingleton<PublicSiteCache>();
        services.AddArtifactKind<ContentKind>();
        services.AddScoped<SiteContent>();
        services.AddScoped<Publicity.PublicityDetails>();
        if (configuration.GetValue("Cms:SchedulerEnabled", true))
        {
            services.AddHostedService<ContentScheduler>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapCms(this IEndpointRouteBuilder app)
    {
        app.MapContentApi();
        return app;
    }
}

using LeadRunner.Cms.Editing;
using LeadRunner.Cms.Search;
using LeadRunner.Hosting;
using LeadRunner.Versioning;

namespace LeadRunner.Cms;

/// <summary>Registration of the public site's content: rendering, editing, scheduling and the cache of public pages.</summary>
public static class CmsFeature
{
    public static IServiceCollection AddCms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HostedForms.FormEmbeds>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddOutputCache(options => options.AddPolicy(PublicSiteCache.Policy, policy => policy
            .Tag(PublicSiteCache.Tag)
            .SetVaryByQuery("page", "q")
            // Publishing evicts at once; the expiry only bounds what changes with the date (a 公示 window closing at midnight).
            .Expire(TimeSpan.FromMinutes(5))));
        services.AddSingleton<PublicSiteCache>();
        services.AddSingleton<CacheEvictions>();
        services.AddHostedService<CacheEvictionService>();
        services.AddArtifactKind<ContentKind>();
        services.AddScoped<SiteContent>();
        services.AddScoped<Publicity.PublicityDetails>();
        services.AddScoped<SiteSearch>();
        services.AddScoped<OpenPublicity>();
        if (configuration.GetValue("Cms:SchedulerEnabled", true))
        {
            services.AddHostedService<ContentScheduler>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapCms(this IEndpointRouteBuilder app)
    {
        app.MapContentApi();
        app.MapGet("/feed.xml", AtomFeed.HandleAsync).AllowAnonymous().CacheOutput(PublicSiteCache.Policy)
            .WithTags("网站内容").WithSummary("最新 50 条已发布内容的 Atom 订阅");
        app.MapGet("/sitemap.xml", Sitemap.HandleAsync).AllowAnonymous().CacheOutput(PublicSiteCache.Policy)
            .WithTags("网站内容").WithSummary("站点地图");
        app.MapGet("/attachments/{itemId:int}/{fileId:guid}", AttachmentDownload.HandleAsync).AllowAnonymous().ServesDocuments()
            .WithTags("网站内容").WithSummary("下载已发布内容的附件（内容撤下后不再提供）");
        // The guide used to live at /guide; links and bookmarks to it keep working.
        app.MapGet("/guide", () => TypedResults.Redirect("/pages/guide", permanent: true)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

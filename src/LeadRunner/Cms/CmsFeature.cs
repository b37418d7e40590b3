using LeadRunner.Cms.Editing;
using LeadRunner.Cms.Search;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
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
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .WithTags("网站内容").WithName("GetContentFeed").WithSummary("最新内容的 Atom 订阅")
            .WithDescription("最新 50 条已发布内容和称号变更的 Atom 订阅，新的在前，地址为所访问主机的绝对地址；可匿名访问。");
        app.MapGet("/sitemap.xml", Sitemap.HandleAsync).AllowAnonymous().CacheOutput(PublicSiteCache.Policy)
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .WithTags("网站内容").WithName("GetSitemap").WithSummary("站点地图")
            .WithDescription("网站固定页面和全部已发布内容的站点地图（sitemaps.org 格式），供搜索引擎收录；可匿名访问。");
        app.MapGet("/attachments/{itemId:int}/{fileId:guid}", AttachmentDownload.HandleAsync).AllowAnonymous().ServesDocuments().ProducesUploadedFile()
            .WithTags("网站内容").WithName("DownloadContentAttachment").WithSummary("下载已发布内容的附件")
            .WithDescription("下载已发布内容所列的附件；可匿名访问。附件不存在答 404，内容已撤下答 410。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        // The guide used to live at /guide; links and bookmarks to it keep working.
        app.MapGet("/guide", () => TypedResults.Redirect("/pages/guide", permanent: true)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

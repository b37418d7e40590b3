namespace LeadRunner.Cms;

/// <summary>The site's absolute address as the visitor reached it (scheme and host of the request), for the feed and sitemap.</summary>
public static class SiteAddress
{
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}

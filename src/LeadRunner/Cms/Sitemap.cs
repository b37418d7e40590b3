using System.Globalization;
using System.Xml.Linq;
using LeadRunner.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>/sitemap.xml: the home page, the section lists, the search-engine-worthy public pages and every public item.</summary>
public static class Sitemap
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Public pages that are not content items.</summary>
    private static readonly string[] Fixed = ["/", "/notices", "/publicity", "/lists", Holders.Changes.TitleChangeLog.Url, "/eligibility", "/documents", "/verify"];

    public static async Task<ContentHttpResult> HandleAsync(HttpContext http, LeadRunnerDb db, CancellationToken ct)
    {
        var items = await db.SiteItems.AsNoTracking().Where(i => i.PublishedAt != null && i.WithdrawnAt == null)
            .OrderBy(i => i.Kind).ThenByDescending(i => i.DocumentDate)
            .Select(i => new { i.Kind, i.Slug, i.UpdatedAt }).ToListAsync(ct);
        var site = SiteAddress.Of(http.Request);
        var urlset = new XElement(Ns + "urlset",
            Fixed.Select(path => new XElement(Ns + "url", new XElement(Ns + "loc", site + path))),
            items.Select(i => new XElement(Ns + "url",
                new XElement(Ns + "loc", site + SiteSections.UrlOf(i.Kind, i.Slug)),
                new XElement(Ns + "lastmod", i.UpdatedAt.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))));
        return TypedResults.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + urlset, "application/xml; charset=utf-8");
    }
}

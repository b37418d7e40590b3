using System.Xml.Linq;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>/feed.xml: the latest 50 public items as an Atom feed, with absolute addresses of the host asked.</summary>
public static class AtomFeed
{
    public const int Size = 50;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static async Task<IResult> HandleAsync(HttpContext http, LeadRunnerDb db, TimeProvider clock, CancellationToken ct)
    {
        var items = await db.SiteItems.AsNoTracking().Where(i => i.PublishedAt != null && i.WithdrawnAt == null)
            .OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).Take(Size).ToListAsync(ct);
        var site = SiteAddress.Of(http.Request);
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "zh-CN"),
            new XElement(Atom + "title", "河北省特色产业集群“领跑者”企业服务平台"),
            new XElement(Atom + "subtitle", "通知公告、公示、名单和办事指南"),
            new XElement(Atom + "id", site + "/"),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", site + "/feed.xml")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", site + "/")),
            new XElement(Atom + "updated", Timestamp(items.Count > 0 ? items.Max(i => i.UpdatedAt) : clock.GetUtcNow())),
            new XElement(Atom + "author", new XElement(Atom + "name", "河北省工业和信息化厅")),
            items.Select(i => Entry(i, site)));
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + feed, "application/atom+xml; charset=utf-8");
    }

    private static XElement Entry(SiteItem item, string site)
    {
        var url = site + SiteSections.UrlOf(item.Kind, item.Slug);
        return new XElement(Atom + "entry",
            new XElement(Atom + "title", item.Title),
            new XElement(Atom + "id", url),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", url)),
            new XElement(Atom + "published", Timestamp(item.PublishedAt!.Value)),
            new XElement(Atom + "updated", Timestamp(item.UpdatedAt)),
            new XElement(Atom + "category", new XAttribute("term", SiteSections.ForKind(item.Kind).Type), new XAttribute("label", SiteSections.ForKind(item.Kind).Title)),
            new XElement(Atom + "author", new XElement(Atom + "name", item.Publisher)),
            new XElement(Atom + "summary", item.Summary.Length > 0 ? item.Summary : item.Title));
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

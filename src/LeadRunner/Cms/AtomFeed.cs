using System.Xml.Linq;
using LeadRunner.Data;
using LeadRunner.Holders.Changes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>/feed.xml: the latest 50 public items and title changes as an Atom feed, with absolute addresses of the host asked.</summary>
public static class AtomFeed
{
    public const int Size = 50;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static async Task<ContentHttpResult> HandleAsync(HttpContext http, LeadRunnerDb db, TimeProvider clock, CancellationToken ct)
    {
        var items = await db.SiteItems.AsNoTracking().Where(i => i.PublishedAt != null && i.WithdrawnAt == null)
            .OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).Take(Size).ToListAsync(ct);
        var changes = await TitleChangeLog.LatestAsync(db, Size, ct);
        var site = SiteAddress.Of(http.Request);
        // Items and title changes (revocations, ends) in one stream, newest first: the 50 latest of both.
        var entries = items.Select(i => (At: i.UpdatedAt, Entry: Entry(i, site)))
            .Concat(changes.Select(c => (At: c.At, Entry: Entry(c, site))))
            .OrderByDescending(e => e.At).Take(Size).ToList();
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "zh-CN"),
            new XElement(Atom + "title", "河北省特色产业集群“领跑者”企业服务平台"),
            new XElement(Atom + "subtitle", "通知公告、公示、名单和办事指南"),
            new XElement(Atom + "id", site + "/"),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", site + "/feed.xml")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", site + "/")),
            new XElement(Atom + "updated", Timestamp(entries.Count > 0 ? entries.Max(e => e.At) : clock.GetUtcNow())),
            new XElement(Atom + "author", new XElement(Atom + "name", "河北省工业和信息化厅")),
            entries.Select(e => e.Entry));
        return TypedResults.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + feed, "application/atom+xml; charset=utf-8");
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

    private static XElement Entry(TitleChangeLog.Entry change, string site)
    {
        var url = $"{site}{TitleChangeLog.Url}#change-{change.Id}";
        return new XElement(Atom + "entry",
            new XElement(Atom + "title", $"{change.EnterpriseName}：{change.KindName}（{change.Year}年度“领跑者”企业）"),
            new XElement(Atom + "id", url),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", url)),
            new XElement(Atom + "published", Timestamp(change.At)),
            new XElement(Atom + "updated", Timestamp(change.At)),
            new XElement(Atom + "category", new XAttribute("term", "title-change"), new XAttribute("label", TitleChangeLog.Title)),
            new XElement(Atom + "author", new XElement(Atom + "name", "河北省工业和信息化厅")),
            new XElement(Atom + "summary", change.Reason));
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

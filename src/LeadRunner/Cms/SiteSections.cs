namespace LeadRunner.Cms;

/// <summary>The public site's sections, the kind of item each lists and the names staff and visitors read.</summary>
public static class SiteSections
{
    public sealed record Section(string Path, SiteItemKind Kind, string Type, string Title, string Empty);

    public static readonly IReadOnlyList<Section> All =
    [
        new("notices", SiteItemKind.Notice, "notice", "通知公告", "暂无通知公告。"),
        new("publicity", SiteItemKind.Publicity, "publicity", "公示", "当前没有公示。公示期间，初选名单将在此发布，公众可在公示期内提出异议。"),
        new("lists", SiteItemKind.List, "list", "名单", "暂未发布认定名单。名单经公示无异议并发文公布后在此发布。"),
        new("pages", SiteItemKind.Page, "page", "页面", "暂无页面。"),
    ];

    /// <summary>The sections the home page and navigation list (pages are reached by their own links).</summary>
    public static IEnumerable<Section> Listed => All.Where(s => s.Kind != SiteItemKind.Page);

    public static Section? Find(string path) => All.FirstOrDefault(s => s.Path == path);

    public static Section? FindType(string type) => All.FirstOrDefault(s => s.Type == type);

    public static Section ForKind(SiteItemKind kind) => All.First(s => s.Kind == kind);

    /// <summary>The public address of an item.</summary>
    public static string UrlOf(SiteItemKind kind, string slug) => $"/{ForKind(kind).Path}/{slug}";
}

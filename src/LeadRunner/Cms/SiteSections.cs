namespace LeadRunner.Cms;

/// <summary>The public site's sections and the kind of item each lists.</summary>
public static class SiteSections
{
    public sealed record Section(string Path, SiteItemKind Kind, string Title, string Empty);

    public static readonly IReadOnlyList<Section> All =
    [
        new("notices", SiteItemKind.Notice, "通知公告", "暂无通知公告。"),
        new("publicity", SiteItemKind.Publicity, "公示", "当前没有公示。公示期间，初选名单将在此发布，公众可在公示期内提出异议。"),
        new("lists", SiteItemKind.List, "名单", "暂未发布认定名单。名单经公示无异议并发文公布后在此发布。"),
    ];

    public static Section? Find(string path) => All.FirstOrDefault(s => s.Path == path);
    public static Section ForKind(SiteItemKind kind) => All.FirstOrDefault(s => s.Kind == kind) ?? All[0];
}

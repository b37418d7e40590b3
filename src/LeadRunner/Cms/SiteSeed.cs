using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>
/// Publishes the 2024 notice, the service guide and the contact page on first start, so the public site has its source documents, and
/// gives items written before content had versions their first version.
/// </summary>
public static class SiteSeed
{
    public static async Task SeedAsync(LeadRunnerDb db, SiteContent content, ILogger logger, CancellationToken ct = default)
    {
        foreach (var legacy in await db.SiteItems.AsNoTracking().Where(i => i.Version == null && i.PublishedAt != null).ToListAsync(ct))
        {
            var adopted = await content.PublishAsSystemAsync(DocumentOf(legacy), "系统", ct);
            if (adopted is not SiteContent.Outcome.Done)
            {
                logger.LogWarning("Site item {Slug} could not be given a version: {Outcome}", legacy.Slug, adopted);
            }
            db.ChangeTracker.Clear();
        }
        var existing = await db.SiteItems.Select(i => i.Slug).ToHashSetAsync(ct);
        foreach (var seed in Seeds.Where(s => !existing.Contains(s.Slug)))
        {
            await content.PublishAsSystemAsync(seed with { Body = Read(seed.Body), DocumentDate = new DateOnly(2024, 8, 28) }, "系统", ct);
        }
    }

    /// <summary>What the site starts with; each body names its file in Cms/Seed.</summary>
    private static readonly ContentDocument[] Seeds =
    [
        new()
        {
            Type = "notice", Slug = "2024-notice", Body = "notice-2024.md",
            Title = "河北省工业和信息化厅关于组织开展2024年度河北省特色产业集群“领跑者”企业认定工作的通知",
            Summary = "已纳入市级特色产业集群“领跑者”企业培育库的企业可申报；各市、雄安新区于2024年9月12日（周四）前报送申报材料，逾期不予受理。",
        },
        new()
        {
            Type = "page", Slug = "guide", Body = "guide.md",
            Title = "特色产业集群“领跑者”企业认定办事指南", Summary = "申报对象、办理流程、认定后的管理和咨询方式。",
        },
        new()
        {
            Type = "page", Slug = "contact", Body = "contact.md",
            Title = "联系我们", Summary = "主办单位、认定工作咨询电话和异议的提出方式。",
        },
    ];

    /// <summary>An item's columns as content staff edit.</summary>
    public static ContentDocument DocumentOf(SiteItem item) => new()
    {
        Type = SiteSections.ForKind(item.Kind).Type,
        Slug = item.Slug,
        Title = item.Title,
        Summary = item.Summary.Length > 0 ? item.Summary : null,
        Body = item.BodyMarkdown,
        Round = item.RoundYear,
        DocumentNumber = item.DocumentNumber,
        DocumentDate = item.DocumentDate,
        Publisher = item.Publisher,
        Attachments = item.Attachments.Count > 0 ? [.. item.Attachments.Select(a => new ContentDocument.AttachmentRef(a.Id, a.FileName))] : null,
        Publicity = item.Kind == SiteItemKind.Publicity ? new ContentDocument.PublicityWindow(item.CaseIds, item.OpensOn, null, item.FormKey) : null,
    };

    private static string Read(string name)
    {
        using var stream = typeof(SiteSeed).Assembly.GetManifestResourceStream($"LeadRunner.Cms.Seed.{name}")
            ?? throw new InvalidOperationException($"找不到内置内容 {name}。");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>Publishes the 2024 notice and the service guide on first start, so the public site has its source documents.</summary>
public static class SiteSeed
{
    public static async Task SeedAsync(LeadRunnerDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var existing = await db.SiteItems.Select(i => i.Slug).ToHashSetAsync(ct);
        if (!existing.Contains("2024-notice"))
        {
            db.SiteItems.Add(new SiteItem
            {
                Kind = SiteItemKind.Notice,
                Slug = "2024-notice",
                Title = "河北省工业和信息化厅关于组织开展2024年度河北省特色产业集群“领跑者”企业认定工作的通知",
                Summary = "已纳入市级特色产业集群“领跑者”企业培育库的企业可申报；各市、雄安新区于2024年9月12日（周四）前报送申报材料，逾期不予受理。",
                BodyMarkdown = Read("notice-2024.md"),
                DocumentDate = new DateOnly(2024, 8, 28),
                PublishedAt = clock.GetUtcNow(),
            });
        }
        if (!existing.Contains("guide"))
        {
            db.SiteItems.Add(new SiteItem
            {
                Kind = SiteItemKind.Guide,
                Slug = "guide",
                Title = "特色产业集群“领跑者”企业认定办事指南",
                Summary = "申报对象、办理流程、认定后的管理和咨询方式。",
                BodyMarkdown = Read("guide.md"),
                DocumentDate = new DateOnly(2024, 8, 28),
                PublishedAt = clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static string Read(string name)
    {
        using var stream = typeof(SiteSeed).Assembly.GetManifestResourceStream($"LeadRunner.Cms.Seed.{name}")
            ?? throw new InvalidOperationException($"找不到内置内容 {name}。");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Cms;

public enum SiteItemKind
{
    Notice = 1,
    Publicity = 2,
    List = 3,
    Guide = 4,
}

/// <summary>A page of the public site: a notice, a 公示, a final list or a guide. Body is Markdown, sanitised on output.</summary>
public sealed class SiteItem
{
    public int Id { get; init; }
    public SiteItemKind Kind { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public required string BodyMarkdown { get; set; }
    public string Publisher { get; set; } = "河北省工业和信息化厅";
    public DateOnly DocumentDate { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The round a notice belongs to: its annex links name that round's year.</summary>
    public int? RoundYear { get; set; }
}

internal sealed class SiteItemConfiguration : IEntityTypeConfiguration<SiteItem>
{
    public void Configure(EntityTypeBuilder<SiteItem> b)
    {
        b.Property(i => i.Slug).HasMaxLength(100);
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.Summary).HasMaxLength(500);
        b.Property(i => i.Publisher).HasMaxLength(100);
        b.HasIndex(i => i.Slug).IsUnique();
        b.HasIndex(i => new { i.Kind, i.DocumentDate });
    }
}

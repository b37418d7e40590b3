using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Cms;

public enum SiteItemKind
{
    Notice = 1,
    Publicity = 2,
    List = 3,
    Page = 4,
}

/// <summary>
/// A content item of the public site: a notice, a 公示, a final list or a page. Its versions (drafts and published
/// ones) are <see cref="Versioning.ArtifactVersion"/> rows of kind "content" keyed by <see cref="Id"/>; the columns
/// here are the published version as the public reads it (for an item never published, its first draft).
/// </summary>
public sealed class SiteItem
{
    public int Id { get; init; }
    public SiteItemKind Kind { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public required string BodyMarkdown { get; set; }
    public string Publisher { get; set; } = "河北省工业和信息化厅";

    /// <summary>The document number (文号) of a notice or a final list, e.g. 冀工信产业〔2024〕123号.</summary>
    public string? DocumentNumber { get; set; }
    public DateOnly DocumentDate { get; set; }

    /// <summary>When the public first saw the current published version; null while never published.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the item was taken off the site: its address then answers 410 instead of 404.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>When the published version last changed (feed and sitemap dates).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The published version number, the one the public sees.</summary>
    public int? Version { get; set; }

    /// <summary>The round a notice, 公示 or list belongs to: a notice's annex links name that round's year.</summary>
    public int? RoundYear { get; set; }

    public List<SiteAttachment> Attachments { get; set; } = [];

    /// <summary>A 公示's batch: the cases it announces.</summary>
    public List<int> CaseIds { get; set; } = [];

    /// <summary>A 公示's window, its last day counted in working days from the first.</summary>
    public DateOnly? OpensOn { get; set; }
    public DateOnly? ClosesOn { get; set; }

    /// <summary>The public form a 公示 takes objections through while its window is open.</summary>
    public string? FormKey { get; set; }

    public bool IsPublic => PublishedAt is not null && WithdrawnAt is null;
}

/// <summary>A file attached to an item, held in the upload store; the public may download it while the item is published.</summary>
public sealed record SiteAttachment(Guid Id, string FileName, long Size, string ContentType);

internal sealed class SiteItemConfiguration : IEntityTypeConfiguration<SiteItem>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<SiteItem> b)
    {
        b.Property(i => i.Slug).HasMaxLength(100);
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.Summary).HasMaxLength(500);
        b.Property(i => i.Publisher).HasMaxLength(100);
        b.Property(i => i.DocumentNumber).HasMaxLength(100);
        b.Property(i => i.FormKey).HasMaxLength(64);
        b.Property(i => i.Attachments).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<SiteAttachment>>(v, Json) ?? new List<SiteAttachment>(),
            new ValueComparer<List<SiteAttachment>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
        b.Property(i => i.CaseIds).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<int>>(v, Json) ?? new List<int>(),
            new ValueComparer<List<int>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
        b.HasIndex(i => i.Slug).IsUnique();
        b.HasIndex(i => new { i.Kind, i.DocumentDate });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Versioning;

public enum VersionState
{
    Draft = 1,
    Published = 2,
    Retracted = 3,
}

/// <summary>
/// One version of something an administrator changes without redeploying — a workflow, form, document template, a
/// year's settings or an eligibility rule (<see cref="Kind"/>), named by <see cref="Key"/>. Drafts are edited in place;
/// publishing freezes a draft as the next number, after which its content never changes. Rounds pin these numbers.
/// </summary>
public sealed class ArtifactVersion
{
    public int Id { get; init; }
    public required string Kind { get; init; }
    public required string Key { get; init; }

    /// <summary>The published version number; null while a draft.</summary>
    public int? Version { get; set; }
    public VersionState State { get; set; }
    public required string Title { get; set; }

    /// <summary>The artifact itself: JSON for definitions, forms, settings and rules; Scriban text for templates.</summary>
    public required string Content { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }

    /// <summary>Why the version was retracted.</summary>
    public string? RetractNote { get; set; }

    /// <summary>Why the change was made, as the administrator wrote it.</summary>
    public string? Note { get; set; }

    /// <summary>The version this one was made from (editing, rollback or import).</summary>
    public int? BasedOnVersion { get; set; }
}

internal sealed class ArtifactVersionConfiguration : IEntityTypeConfiguration<ArtifactVersion>
{
    public void Configure(EntityTypeBuilder<ArtifactVersion> b)
    {
        b.Property(v => v.Kind).HasMaxLength(16);
        b.Property(v => v.Key).HasMaxLength(64);
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.CreatedBy).HasMaxLength(100);
        b.Property(v => v.PublishedBy).HasMaxLength(100);
        b.Property(v => v.RetractedBy).HasMaxLength(100);
        b.Property(v => v.Note).HasMaxLength(1000);
        b.Property(v => v.RetractNote).HasMaxLength(1000);
        // Two administrators publishing at once would take the same number: the second is refused, not merged.
        b.HasIndex(v => new { v.Kind, v.Key, v.Version }).IsUnique();
    }
}

public static class ArtifactVersionQueries
{
    public static IQueryable<ArtifactVersion> Of(this IQueryable<ArtifactVersion> versions, string kind) => versions.Where(v => v.Kind == kind);

    public static IQueryable<ArtifactVersion> Of(this IQueryable<ArtifactVersion> versions, string kind, string key) =>
        versions.Where(v => v.Kind == kind && v.Key == key);

    /// <summary>The versions new work may start on (published, not retracted), newest first: the first is the current one.</summary>
    public static IQueryable<ArtifactVersion> NewestPublished(this IQueryable<ArtifactVersion> versions) =>
        versions.Where(v => v.State == VersionState.Published).OrderByDescending(v => v.Version);

    /// <summary>Versions that were published (including retracted ones), not drafts.</summary>
    public static IQueryable<ArtifactVersion> Numbered(this IQueryable<ArtifactVersion> versions) => versions.Where(v => v.Version != null);
}

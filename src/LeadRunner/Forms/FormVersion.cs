using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Forms;

/// <summary>
/// One version of a form definition. A form has at most one draft, edited in place; publishing freezes it as the
/// next version number and its JSON never changes again. Rollback and file seeding publish new versions.
/// </summary>
public sealed class FormVersion
{
    public int Id { get; init; }
    public required string FormKey { get; init; }

    /// <summary>The published version number; null while a draft.</summary>
    public int? Version { get; set; }
    public required string Title { get; set; }
    public required string Json { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>Why the version was made, as the administrator wrote it.</summary>
    public string? Note { get; set; }

    /// <summary>The version this one was made from (editing, rollback or import).</summary>
    public int? BasedOnVersion { get; set; }

    public bool IsDraft => Version is null;
}

internal sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersion>
{
    public void Configure(EntityTypeBuilder<FormVersion> b)
    {
        b.Property(v => v.FormKey).HasMaxLength(64);
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.CreatedBy).HasMaxLength(100);
        b.Property(v => v.PublishedBy).HasMaxLength(100);
        b.Property(v => v.Note).HasMaxLength(1000);
        b.Ignore(v => v.IsDraft);
        b.HasIndex(v => new { v.FormKey, v.Version }).IsUnique();
    }
}

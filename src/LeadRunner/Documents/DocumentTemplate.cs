using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Documents;

/// <summary>
/// A document template: what it is (title, annex, data, blank version) and its live text — the copy of its newest
/// published version (<see cref="TemplateKind"/>), which every version of which is kept as an artifact version.
/// </summary>
public sealed class DocumentTemplate
{
    public required string Key { get; init; }
    public required string Title { get; set; }

    /// <summary>The annex number (附件 N) of the notice, or null for the notice and announcements.</summary>
    public int? Annex { get; set; }

    /// <summary>The data names the template reads (DocumentData.Names), comma-separated.</summary>
    public required string Binds { get; set; }
    public bool HasBlank { get; set; }
    public int Version { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>SHA-256 of the file last read from templates/, so a changed file is noticed once.</summary>
    public string? FileHash { get; set; }
}

internal sealed class DocumentTemplateConfiguration : IEntityTypeConfiguration<DocumentTemplate>
{
    public void Configure(EntityTypeBuilder<DocumentTemplate> b)
    {
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(64);
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Binds).HasMaxLength(300);
        b.Property(t => t.UpdatedBy).HasMaxLength(100);
        b.Property(t => t.FileHash).HasMaxLength(64);
        // Two administrators saving at once: the second save is refused instead of overwriting.
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

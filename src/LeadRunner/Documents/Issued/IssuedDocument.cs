using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// One generated (filled) document as delivered: what it is, whom it concerns, who issued it and the SHA-256 of the
/// exact bytes handed out, so anyone holding the file can check it at /verify/{code}. The public sees the issuing office, staff also the person.
/// </summary>
public sealed class IssuedDocument
{
    public long Id { get; init; }
    public required string Code { get; init; }
    public required string TemplateKey { get; init; }
    public required string Title { get; init; }
    public int? AnnexNumber { get; init; }

    /// <summary>The round the document belongs to and the template version it was filled from (the round's pin).</summary>
    public int? RoundYear { get; init; }
    public int? TemplateVersion { get; init; }

    /// <summary>The organisation the document is about: an enterprise or a reporting unit, never a person.</summary>
    public required string Subject { get; init; }
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>The issuing role (see Accounts/Roles): the office shown to the public on the verification page.</summary>
    public required string IssuerRole { get; init; }

    /// <summary>The person who issued it (account and display name), for staff; null when the system issued it (a timer).</summary>
    public string? IssuerUserName { get; init; }
    public string? IssuerName { get; init; }

    /// <summary>Lower-case hex SHA-256 of the delivered bytes, after the code and QR were embedded.</summary>
    public string Sha256 { get; set; } = "";
    public required string Format { get; init; }
    public long Size { get; set; }

    /// <summary>Where it came from, for staff tracing: the case or the unit (neither is shown publicly).</summary>
    public long? CaseId { get; init; }
    public string? UnitCode { get; init; }

    /// <summary>
    /// The delivered bytes, kept for documents issued once and fetched again (the certificate a workflow issues), so
    /// every download is the same file with the same code. Downloads issued on demand are not kept.
    /// </summary>
    public byte[]? Archived { get; set; }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.ToTable("IssuedDocuments");
        b.Property(d => d.Code).HasMaxLength(16);
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.TemplateKey).HasMaxLength(40);
        b.Property(d => d.Title).HasMaxLength(100);
        b.Property(d => d.Subject).HasMaxLength(100);
        b.Property(d => d.IssuerRole).HasMaxLength(20);
        b.Property(d => d.IssuerUserName).HasMaxLength(100);
        b.Property(d => d.IssuerName).HasMaxLength(100);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.Format).HasMaxLength(8);
        b.Property(d => d.UnitCode).HasMaxLength(6);
        b.HasIndex(d => d.CaseId);
    }
}

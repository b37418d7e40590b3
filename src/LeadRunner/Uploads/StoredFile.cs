using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Uploads;

/// <summary>
/// One upload: who sent it, under which name and type, and the content it points to. The bytes live on disk under
/// their SHA-256, so several records may share one blob.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; init; }
    public required string Sha256 { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
    public required string OwnerUserId { get; init; }

    /// <summary>The uploader's enterprise for enterprise accounts; staff in that enterprise's region may read the file.</summary>
    public int? EnterpriseId { get; set; }
    public string? FormKey { get; init; }
    public string? FieldKey { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What uses the file (a submission, a document); unattached files are swept after the retention period.</summary>
    public string? AttachedTo { get; set; }
    public DateTimeOffset? AttachedAt { get; set; }

    public UploadedFileInfo ToInfo() => new(Id, FileName, ContentType, Size, Sha256, OwnerUserId, EnterpriseId);
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(f => f.FileName).HasMaxLength(UploadFileNames.MaxLength);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.OwnerUserId).HasMaxLength(450);
        b.Property(f => f.FormKey).HasMaxLength(100);
        b.Property(f => f.FieldKey).HasMaxLength(100);
        b.Property(f => f.AttachedTo).HasMaxLength(200);
        b.HasIndex(f => f.Sha256);
        b.HasIndex(f => new { f.AttachedAt, f.CreatedAt });
        // The per-user daily quota counts one owner's files of the day on every upload.
        b.HasIndex(f => new { f.OwnerUserId, f.CreatedAt });
        b.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(f => f.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Cms.Editing;

public enum ContentAction
{
    Publish = 1,
    Unpublish = 2,
}

public enum ContentRequestState
{
    /// <summary>Waits for a second publisher to approve it.</summary>
    AwaitingApproval = 1,

    /// <summary>Approved (or needing no approval) and due at <see cref="ContentRequest.At"/>.</summary>
    Scheduled = 2,
    Done = 3,
    Cancelled = 4,

    /// <summary>Came due but could not be carried out (the draft no longer passes its checks); <see cref="ContentRequest.Outcome"/> says why.</summary>
    Failed = 5,
}

/// <summary>
/// A publish or unpublish of one item that is not done at once: waiting for approval or for its time. Kept in the
/// database, so a restart loses nothing; the scheduler carries out those that are due.
/// </summary>
public sealed class ContentRequest
{
    public int Id { get; init; }
    public int SiteItemId { get; init; }
    public ContentAction Action { get; init; }

    /// <summary>The draft (ArtifactVersion id) a publish makes public.</summary>
    public int? DraftId { get; init; }

    /// <summary>When it is due; null = as soon as approved.</summary>
    public DateTimeOffset? At { get; set; }
    public ContentRequestState State { get; set; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>What happened: who cancelled, why it failed, which version went public.</summary>
    public string? Outcome { get; set; }
}

internal sealed class ContentRequestConfiguration : IEntityTypeConfiguration<ContentRequest>
{
    public void Configure(EntityTypeBuilder<ContentRequest> b)
    {
        b.Property(r => r.RequestedBy).HasMaxLength(100);
        b.Property(r => r.ApprovedBy).HasMaxLength(100);
        b.Property(r => r.Outcome).HasMaxLength(500);
        b.HasIndex(r => new { r.State, r.At });
        b.HasIndex(r => new { r.SiteItemId, r.State });
        b.HasOne<SiteItem>().WithMany().HasForeignKey(r => r.SiteItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

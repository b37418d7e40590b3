using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Holders;

public enum HolderEventKind
{
    Granted = 1,
    ListedChanged = 2,
    ReReviewScheduled = 3,
    Renewed = 4,
    Expired = 5,
    ChangeFiled = 6,
    RevocationOpened = 7,
    Revoked = 8,
    SupportGranted = 9,
}

/// <summary>
/// One line of a holder's history. Lines marked public form the site's change log (revocations, expiries): the
/// public sees the enterprise, the date and the stated reason, never the staff member.
/// </summary>
public sealed class HolderEvent
{
    public long Id { get; init; }
    public long HolderId { get; init; }
    public TitleHolder? Holder { get; init; }

    /// <summary>Copied from the holder so the scope filter needs no join through it.</summary>
    public int EnterpriseId { get; init; }
    public DateTimeOffset At { get; init; }
    public HolderEventKind Kind { get; init; }

    /// <summary>What happened, in Chinese, as shown in the history and (when public) the change log.</summary>
    public required string Text { get; init; }
    public bool Public { get; init; }

    /// <summary>Login name of who caused it; "系统" for timers.</summary>
    public required string By { get; init; }
    public long? InstanceId { get; init; }
}

internal sealed class HolderEventConfiguration : IEntityTypeConfiguration<HolderEvent>
{
    public void Configure(EntityTypeBuilder<HolderEvent> b)
    {
        b.ToTable("HolderEvents");
        b.HasOne(e => e.Holder).WithMany().HasForeignKey(e => e.HolderId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.Text).HasMaxLength(2000);
        b.Property(e => e.By).HasMaxLength(100);
        b.HasIndex(e => new { e.HolderId, e.At });
        b.HasIndex(e => new { e.Public, e.At });
    }
}

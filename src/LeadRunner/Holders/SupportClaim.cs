using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Holders;

public enum SupportKind
{
    /// <summary>设备更新补助 (第十一条), once a year.</summary>
    Equipment = 1,

    /// <summary>并购重组激励 (第十二条), once.</summary>
    Merger = 2,

    /// <summary>营业收入首次突破激励 (第十二条), once per milestone.</summary>
    RevenueMilestone = 3,

    /// <summary>首次进入 500 强激励 (第十三条), once.</summary>
    Top500 = 4,
}

public enum ClaimStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>
/// A holder's claim for a support policy, reviewed through its support-claim case. <see cref="OnceKey"/> makes a
/// once-only reward once-only across years: a unique index over the enterprise's claims that are not rejected.
/// </summary>
public sealed class SupportClaim
{
    public long Id { get; init; }
    public long HolderId { get; init; }
    public TitleHolder? Holder { get; init; }
    public int EnterpriseId { get; init; }
    public SupportKind Kind { get; init; }

    /// <summary>The round whose support settings computed the amount.</summary>
    public int Year { get; init; }

    /// <summary>"merger", "top500", "revenue:5000000000", "equipment:2025" — the reward it may be paid once for.</summary>
    public required string OnceKey { get; init; }

    /// <summary>In yuan, from the round's support calculator (recomputed when a returned claim is corrected).</summary>
    public decimal Amount { get; set; }

    /// <summary>How the amount was computed, as the calculator explains it.</summary>
    public required string Explanation { get; set; }

    /// <summary>The figures claimed (JSON), as entered.</summary>
    public required string Figures { get; set; }
    public ClaimStatus Status { get; set; } = ClaimStatus.Pending;
    public DateTimeOffset ClaimedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public long? InstanceId { get; set; }
    public int Revision { get; set; }
}

internal sealed class SupportClaimConfiguration : IEntityTypeConfiguration<SupportClaim>
{
    public void Configure(EntityTypeBuilder<SupportClaim> b)
    {
        b.ToTable("SupportClaims");
        b.HasOne(c => c.Holder).WithMany().HasForeignKey(c => c.HolderId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.OnceKey).HasMaxLength(40);
        b.Property(c => c.Explanation).HasMaxLength(2000);
        b.Property(c => c.Figures).HasMaxLength(4000);
        b.Property(c => c.Amount).HasPrecision(18, 2);
        b.HasIndex(c => new { c.EnterpriseId, c.OnceKey }).IsUnique().HasFilter("\"Status\" <> 3");
        b.HasIndex(c => new { c.Year, c.Status });
        b.Property(c => c.Revision).IsConcurrencyToken();
    }
}

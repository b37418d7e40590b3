using LeadRunner.Enterprises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Holders;

public enum HolderStatus
{
    /// <summary>有效</summary>
    Valid = 1,

    /// <summary>复核中: scheduled into a round's three-year re-review, still a holder until it ends.</summary>
    ReReview = 2,

    /// <summary>已撤销 (第十六条)</summary>
    Revoked = 3,

    /// <summary>已到期: the re-review did not renew it.</summary>
    Expired = 4,
}

/// <summary>
/// An enterprise holding a round's 领跑者 title, made by the authorising transition of its recognition case and
/// managed for years after: quarterly updates, filings, re-review, revocation and support claims hang off it.
/// </summary>
public sealed class TitleHolder
{
    public long Id { get; init; }
    public int EnterpriseId { get; init; }
    public Enterprise? Enterprise { get; init; }

    /// <summary>The round whose title this is.</summary>
    public int Year { get; init; }

    /// <summary>The recognition case that authorised it.</summary>
    public long? InstanceId { get; init; }
    public HolderStatus Status { get; set; } = HolderStatus.Valid;

    /// <summary>A listed company reports after its quarterly disclosures (第十五条).</summary>
    public bool Listed { get; set; }

    /// <summary>The certificate's verification code (Documents/Issued), when one was issued.</summary>
    public string? CertificateCode { get; set; }
    public DateOnly GrantedOn { get; init; }

    /// <summary>When the title is due for its re-review (第五条): granted or last renewed plus the round's years.</summary>
    public DateOnly ReReviewDueOn { get; set; }
    public DateOnly? EndedOn { get; set; }

    /// <summary>Optimistic concurrency: a revocation and a renewal deciding at once cannot both win.</summary>
    public int Revision { get; set; }

    public bool IsCurrent => Status is HolderStatus.Valid or HolderStatus.ReReview;
}

internal sealed class TitleHolderConfiguration : IEntityTypeConfiguration<TitleHolder>
{
    public void Configure(EntityTypeBuilder<TitleHolder> b)
    {
        b.ToTable("TitleHolders");
        b.HasOne(h => h.Enterprise).WithMany().HasForeignKey(h => h.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.EnterpriseId, h.Year }).IsUnique();
        b.HasIndex(h => new { h.Status, h.Year });
        b.Property(h => h.CertificateCode).HasMaxLength(16);
        b.Property(h => h.Revision).IsConcurrencyToken();
    }
}

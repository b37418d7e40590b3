using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Holders;

public enum ObligationKind
{
    /// <summary>季度数据更新 (第十五条)</summary>
    QuarterlyUpdate = 1,

    /// <summary>更名、重组、并购备案 (第十六条三)</summary>
    ChangeFiling = 2,

    /// <summary>三年复核 (第五条)</summary>
    ReReview = 3,
}

/// <summary>
/// Something a holder owes by a date: a quarter's update, a change filing, a re-review. The case that fulfils it is
/// linked; open and overdue are told apart by the date, so no sweep has to flip a status for it to be right.
/// </summary>
public sealed class Obligation
{
    public long Id { get; init; }
    public long HolderId { get; init; }
    public TitleHolder? Holder { get; init; }

    /// <summary>Copied from the holder so the scope filter needs no join through it.</summary>
    public int EnterpriseId { get; init; }
    public ObligationKind Kind { get; init; }

    /// <summary>The quarter ("2024Q3"), the change's effective date ("2025-03-01") or the re-review's round year ("2027").</summary>
    public required string Period { get; init; }
    public DateOnly DueDate { get; set; }

    /// <summary>For a listed company's quarter: the disclosure date of its quarterly report, which sets the due date.</summary>
    public DateOnly? DisclosureDate { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>The case that fulfils it (a quarterly-update, change-filing or re-review case).</summary>
    public long? InstanceId { get; set; }
    public int Revision { get; set; }

    public string StatusOn(DateOnly today) => DoneAt is not null ? "done" : today > DueDate ? "overdue" : "open";
}

internal sealed class ObligationConfiguration : IEntityTypeConfiguration<Obligation>
{
    public void Configure(EntityTypeBuilder<Obligation> b)
    {
        b.ToTable("Obligations");
        b.HasOne(o => o.Holder).WithMany().HasForeignKey(o => o.HolderId).OnDelete(DeleteBehavior.Restrict);
        b.Property(o => o.Period).HasMaxLength(20);
        b.HasIndex(o => new { o.HolderId, o.Kind, o.Period }).IsUnique();
        b.HasIndex(o => new { o.Kind, o.DueDate });
        b.HasIndex(o => o.InstanceId);
        b.Property(o => o.Revision).IsConcurrencyToken();
    }
}

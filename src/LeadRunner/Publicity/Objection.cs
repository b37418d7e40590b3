using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Publicity;

public enum ObjectionStatus { Received, Investigating, Dismissed, Upheld }

/// <summary>
/// A real-name objection against one enterprise of a 公示 (工作指南第八条), with the province's investigation and
/// decision. Personal data: only the province reads it.
/// </summary>
public sealed class Objection
{
    public int Id { get; init; }

    /// <summary>What the objector is given and quotes: "YY" + date + four digits.</summary>
    public required string Receipt { get; init; }

    /// <summary>The 公示 (a site item of kind publicity) and the case of the enterprise objected to.</summary>
    public int PublicityId { get; init; }
    public long CaseId { get; init; }
    public required string EnterpriseName { get; init; }

    /// <summary>"个人" or "单位".</summary>
    public required string ObjectorType { get; init; }
    public required string Name { get; init; }
    public string? IdNumber { get; init; }
    public string? Organisation { get; init; }
    public required string Phone { get; init; }
    public required string Facts { get; init; }

    /// <summary>Ids of the evidence files in the upload store.</summary>
    public List<Guid> Attachments { get; init; } = [];
    public DateTimeOffset SubmittedAt { get; init; }

    public ObjectionStatus Status { get; set; } = ObjectionStatus.Received;
    public string? Investigation { get; set; }
    public string? InvestigatedBy { get; set; }
    public DateTimeOffset? InvestigatedAt { get; set; }
    public string? DecisionComment { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Optimistic concurrency: two officers deciding at once.</summary>
    public int Revision { get; set; }

    public bool Decided => Status is ObjectionStatus.Dismissed or ObjectionStatus.Upheld;

    public string StatusText => Status switch
    {
        ObjectionStatus.Received => "待核查",
        ObjectionStatus.Investigating => "核查中",
        ObjectionStatus.Dismissed => "异议不成立",
        _ => "异议成立",
    };

    internal sealed class Configuration : IEntityTypeConfiguration<Objection>
    {
        public void Configure(EntityTypeBuilder<Objection> b)
        {
            b.HasIndex(o => o.Receipt).IsUnique();
            b.HasIndex(o => new { o.PublicityId, o.Status });
            b.HasIndex(o => o.CaseId);
            b.Property(o => o.Receipt).HasMaxLength(20);
            b.Property(o => o.EnterpriseName).HasMaxLength(100);
            b.Property(o => o.ObjectorType).HasMaxLength(4);
            b.Property(o => o.Name).HasMaxLength(30);
            b.Property(o => o.IdNumber).HasMaxLength(18);
            b.Property(o => o.Organisation).HasMaxLength(100);
            b.Property(o => o.Phone).HasMaxLength(20);
            b.Property(o => o.Facts).HasMaxLength(2000);
            b.Property(o => o.Investigation).HasMaxLength(2000);
            b.Property(o => o.DecisionComment).HasMaxLength(2000);
            b.Property(o => o.Attachments).HasConversion(
                ids => string.Join(',', ids),
                text => text.Length == 0 ? new List<Guid>() : text.Split(',', StringSplitOptions.None).Select(Guid.Parse).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<Guid>>(
                    (a, c) => a!.SequenceEqual(c!), l => l.Aggregate(0, (h, g) => HashCode.Combine(h, g)), l => l.ToList()));
            b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(o => o.Revision).IsConcurrencyToken();
        }
    }
}

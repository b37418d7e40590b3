using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Programmes;

/// <summary>One year's round (年度批次) and its current settings.</summary>
public sealed class Programme
{
    public int Year { get; init; }
    public required string Title { get; set; }
    public int CurrentVersion { get; set; }
    public required string SettingsJson { get; set; }
}

/// <summary>An administrator's permission for one unit or one enterprise to act after a deadline of the year.</summary>
public sealed class DeadlineExtension
{
    public long Id { get; init; }
    public int Year { get; init; }

    /// <summary>Which deadline: enterprise, county or city.</summary>
    public required string Stage { get; init; }
    public string? UnitCode { get; init; }
    public int? EnterpriseId { get; init; }
    public DateOnly Until { get; init; }
    public required string Reason { get; init; }
    public required string GrantedBy { get; init; }
    public DateTimeOffset GrantedAt { get; init; }
}

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>, IEntityTypeConfiguration<DeadlineExtension>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.HasKey(p => p.Year);
        b.Property(p => p.Year).ValueGeneratedNever();
        b.Property(p => p.Title).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<DeadlineExtension> b)
    {
        b.Property(e => e.Stage).HasMaxLength(20);
        b.Property(e => e.UnitCode).HasMaxLength(6);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.Property(e => e.GrantedBy).HasMaxLength(100);
        b.HasIndex(e => new { e.Year, e.Stage });
    }
}

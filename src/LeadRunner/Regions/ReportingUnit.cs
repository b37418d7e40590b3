using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Regions;

public enum ReportingUnitKind
{
    /// <summary>A prefecture-level city (设区市).</summary>
    City = 1,
    /// <summary>A county-level city reporting directly to the province (定州、辛集).</summary>
    DirectCity = 2,
    /// <summary>雄安新区, whose counties report to it rather than to 保定.</summary>
    NewArea = 3,
}

/// <summary>One of the 14 units that report to the province: 11 cities, 定州, 辛集 and 雄安新区.</summary>
public sealed class ReportingUnit
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public ReportingUnitKind Kind { get; set; }
    public int SortOrder { get; set; }
    public List<County> Counties { get; } = [];
}

internal sealed class ReportingUnitConfiguration : IEntityTypeConfiguration<ReportingUnit>
{
    public void Configure(EntityTypeBuilder<ReportingUnit> b)
    {
        b.HasKey(u => u.Code);
        b.Property(u => u.Code).HasMaxLength(6);
        b.Property(u => u.Name).HasMaxLength(40);
    }
}

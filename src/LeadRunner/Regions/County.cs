using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Regions;

/// <summary>A county-level division (县、县级市、区) with its statistical city and the unit it reports to.</summary>
public sealed class County
{
    public required string Code { get; init; }
    public required string Name { get; set; }

    /// <summary>The prefecture-level city in the national statistics, which may differ from the reporting unit.</summary>
    public required string CityCode { get; set; }
    public required string CityName { get; set; }

    public required string UnitCode { get; set; }
    public ReportingUnit? Unit { get; set; }
}

internal sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> b)
    {
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(6);
        b.Property(c => c.Name).HasMaxLength(40);
        b.Property(c => c.CityCode).HasMaxLength(6);
        b.Property(c => c.CityName).HasMaxLength(40);
        b.HasOne(c => c.Unit).WithMany(u => u.Counties).HasForeignKey(c => c.UnitCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.UnitCode);
    }
}

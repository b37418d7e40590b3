using LeadRunner.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Enterprises;

/// <summary>A legal entity registered in Hebei. Its county decides its county bureau and reporting unit.</summary>
public sealed class Enterprise
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public required string Uscc { get; init; }
    public required string CountyCode { get; set; }
    public County? County { get; set; }
    public int ClusterId { get; set; }
    public Cluster? Cluster { get; set; }
    public required string IndustryCategory { get; set; }
    public DateTimeOffset RegisteredAt { get; init; }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Uscc).HasMaxLength(18);
        b.Property(e => e.IndustryCategory).HasMaxLength(20);
        b.HasIndex(e => e.Uscc).IsUnique();
        b.HasIndex(e => e.CountyCode);
        b.HasOne(e => e.County).WithMany().HasForeignKey(e => e.CountyCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Cluster).WithMany().HasForeignKey(e => e.ClusterId).OnDelete(DeleteBehavior.Restrict);
    }
}

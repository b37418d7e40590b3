using LeadRunner.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Enterprises;

/// <summary>A specialty industrial cluster (特色产业集群), anchored in its county.</summary>
public sealed class Cluster
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public required string CountyCode { get; set; }
    public County? County { get; set; }
    public required string IndustryCategory { get; set; }
    public bool Active { get; set; } = true;
}

internal sealed class ClusterConfiguration : IEntityTypeConfiguration<Cluster>
{
    public void Configure(EntityTypeBuilder<Cluster> b)
    {
        b.Property(c => c.Name).HasMaxLength(60);
        b.Property(c => c.IndustryCategory).HasMaxLength(20);
        b.HasIndex(c => c.Name).IsUnique();
        b.HasOne(c => c.County).WithMany().HasForeignKey(c => c.CountyCode).OnDelete(DeleteBehavior.Restrict);
    }
}

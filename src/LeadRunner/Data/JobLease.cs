using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Data;

/// <summary>When a periodic pass (a sweep) runs next, shared by every instance: see <see cref="JobClaims.ClaimPassAsync"/>.</summary>
public sealed class JobLease
{
    public required string Name { get; init; }
    public DateTimeOffset NextRunAt { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>The host and process that ran the last pass, for an administrator wondering where it ran.</summary>
    public string? LastRunBy { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.LastRunBy).HasMaxLength(200);
    }
}

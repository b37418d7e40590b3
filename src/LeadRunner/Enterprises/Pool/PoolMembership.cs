using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Enterprises.Pool;

public enum PoolDecision
{
    /// <summary>入库</summary>
    Admitted = 1,

    /// <summary>不予入库</summary>
    NotAdmitted = 2,
}

/// <summary>
/// A city's decision on an enterprise's entry into the cultivation pool (培育库), written by the pool-entry case in
/// the same transaction as the decision. The newest decision of an enterprise is its standing.
/// </summary>
public sealed class PoolMembership
{
    public long Id { get; init; }
    public int EnterpriseId { get; init; }
    public Enterprise? Enterprise { get; init; }

    /// <summary>The year of the application (the pool-entry case's <c>year</c>).</summary>
    public int Year { get; init; }
    public PoolDecision Decision { get; init; }

    /// <summary>When the city decided; for an admission, the date the enterprise entered the pool.</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The deciding reporting unit (the enterprise's city, 定州, 辛集 or 雄安).</summary>
    public required string UnitCode { get; init; }

    /// <summary>Login name of the officer who decided, for the record; pages show the unit.</summary>
    public required string DecidedBy { get; init; }
    public string? Comment { get; init; }

    /// <summary>The pool-entry case that decided; null for memberships brought in from before the system.</summary>
    public long? InstanceId { get; init; }
}

internal sealed class PoolMembershipConfiguration : IEntityTypeConfiguration<PoolMembership>
{
    public void Configure(EntityTypeBuilder<PoolMembership> b)
    {
        b.Property(m => m.UnitCode).HasMaxLength(6);
        b.Property(m => m.DecidedBy).HasMaxLength(100);
        b.Property(m => m.Comment).HasMaxLength(2000);
        b.HasOne(m => m.Enterprise).WithMany().HasForeignKey(m => m.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.EnterpriseId, m.DecidedAt });
    }
}

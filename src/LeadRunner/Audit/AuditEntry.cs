using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Audit;

/// <summary>
/// One audited event: who did what to which record, when, from where and why. Rows are append-only (triggers refuse
/// UPDATE and DELETE) and chained: <see cref="Hash"/> covers the row's fields and the previous row's hash, see <see cref="AuditChain"/>.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string UserName { get; init; }

    /// <summary>One of <see cref="AuditKinds"/>.</summary>
    public string Kind { get; init; } = AuditKinds.Configuration;
    public required string Action { get; init; }
    public required string Subject { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Reason { get; init; }
    public string? ClientIp { get; init; }

    /// <summary>The algorithm of <see cref="Hash"/>, per entry so that a log keeps verifying after the setting changes.</summary>
    public string HashAlgorithm { get; init; } = AuditChain.Sha256;

    /// <summary>Written by the database (the chain trigger), in the inserting statement; null in memory after an insert.</summary>
    public string? PreviousHash { get; init; }
    public string? Hash { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserName).HasMaxLength(100);
        b.Property(a => a.Kind).HasMaxLength(20);
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.Subject).HasMaxLength(200);
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.ClientIp).HasMaxLength(45);
        b.Property(a => a.HashAlgorithm).HasMaxLength(10);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.UserName, a.At });
    }
}

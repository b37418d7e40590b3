using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Runtime;

/// <summary>A message to a role in a region (the outbox of notify effects), shown in the recipients' portal.</summary>
public sealed class Notification
{
    public long Id { get; init; }
    public long? InstanceId { get; init; }
    public required string Role { get; init; }
    public int? EnterpriseId { get; init; }
    public string? CountyCode { get; init; }
    public string? UnitCode { get; init; }

    /// <summary>Set for a notice to one account (a security notice); the role and region fields then do not widen it.</summary>
    public string? UserId { get; init; }
    public required string Title { get; init; }
    public string Message { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Role).HasMaxLength(20);
        b.Property(n => n.CountyCode).HasMaxLength(6);
        b.Property(n => n.UnitCode).HasMaxLength(6);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Message).HasMaxLength(2000);
        b.HasIndex(n => new { n.Role, n.EnterpriseId, n.CreatedAt });
        b.HasIndex(n => new { n.Role, n.CountyCode, n.CreatedAt });
        b.HasIndex(n => new { n.Role, n.UnitCode, n.CreatedAt });
        b.Property(n => n.UserId).HasMaxLength(450);
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}

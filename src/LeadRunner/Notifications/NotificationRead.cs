using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Notifications;

/// <summary>
/// That one account has read one notification. Notifications are addressed to a role in a region, so read state is
/// per person: a colleague in the same county reading a message does not mark it read for the others.
/// </summary>
public sealed class NotificationRead
{
    public required string UserId { get; init; }
    public long NotificationId { get; init; }
    public DateTimeOffset ReadAt { get; init; }
}

internal sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b)
    {
        b.ToTable("NotificationReads");
        b.HasKey(r => new { r.UserId, r.NotificationId });
        b.Property(r => r.UserId).HasMaxLength(450);
        b.HasOne<Notification>().WithMany().HasForeignKey(r => r.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

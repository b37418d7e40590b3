using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Notifications.Mail;

public enum OutgoingMailStatus
{
    Pending = 1,

    /// <summary>Claimed by a sender that is handing it to the mail server right now.</summary>
    Sending = 2,
    Sent = 3,

    /// <summary>Refused by the mail server <see cref="MailOptions.MaxAttempts"/> times.</summary>
    Failed = 4,

    /// <summary>The sender stopped while handing it over: it may or may not have gone out, so it is not sent again.</summary>
    Unconfirmed = 5,
}

/// <summary>
/// One e-mail to one person, written in the same transaction as the notification it carries (the outbox), so a change
/// that rolls back sends nothing; <see cref="MailSender"/> delivers it later.
/// </summary>
public sealed class OutgoingMail
{
    public long Id { get; init; }
    public long? InstanceId { get; init; }
    public required string UserId { get; init; }
    public required string ToAddress { get; init; }
    public string ToName { get; init; } = "";
    public required string Subject { get; init; }
    public required string Body { get; init; }

    /// <summary>The page the message is about, relative to the site (the sender prefixes the public address).</summary>
    public string? Link { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public OutgoingMailStatus Status { get; set; } = OutgoingMailStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> b)
    {
        b.ToTable("OutgoingMails");
        b.Property(m => m.UserId).HasMaxLength(450);
        b.Property(m => m.ToAddress).HasMaxLength(256);
        b.Property(m => m.ToName).HasMaxLength(200);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.Body).HasMaxLength(4000);
        b.Property(m => m.Link).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Forms;

/// <summary>
/// What a user has typed into a form and not yet submitted: one per user, form and subject, saved as they type so
/// that they can log out and carry on later. Only its owner reads it; it is not validated until submission.
/// </summary>
public sealed class FormDraft
{
    public long Id { get; init; }
    public required string FormKey { get; init; }
    public required string UserId { get; init; }
    public required string Subject { get; init; }

    /// <summary>The form version the user was filling in.</summary>
    public int FormVersion { get; set; }
    public required string DataJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class FormDraftConfiguration : IEntityTypeConfiguration<FormDraft>
{
    public void Configure(EntityTypeBuilder<FormDraft> b)
    {
        b.Property(d => d.FormKey).HasMaxLength(64);
        b.Property(d => d.UserId).HasMaxLength(450);
        b.Property(d => d.Subject).HasMaxLength(100);
        b.HasIndex(d => new { d.UserId, d.FormKey, d.Subject }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Accounts.Passwords;

/// <summary>A password a user had, kept as its hash so the last few cannot be chosen again.</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; init; }
    public required string UserId { get; init; }
    public required string PasswordHash { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
}

internal sealed class PasswordHistoryEntryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> b)
    {
        b.HasOne<AppUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => new { h.UserId, h.ChangedAt });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Accounts.Sessions;

/// <summary>
/// One sign-in: a browser's cookie or a script's token pair. Every authenticated request is checked against it, so
/// ending it (logout, password change, lock, "sign out elsewhere", idle timeout) revokes the cookie or token at once.
/// </summary>
public sealed class UserSession
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }
    public string? ClientIp { get; init; }
    public string? UserAgent { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }

    /// <summary>For token sessions: the one refresh token that may still be used; each use issues the next.</summary>
    public string? RefreshNonce { get; set; }

    public bool IsLive => EndedAt is null;

    public const string Cookie = "cookie";
    public const string Token = "token";
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.Kind).HasMaxLength(10);
        b.Property(s => s.ClientIp).HasMaxLength(64);
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.Property(s => s.EndReason).HasMaxLength(50);
        b.Property(s => s.RefreshNonce).HasMaxLength(32);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.UserId, s.CreatedAt });
    }
}

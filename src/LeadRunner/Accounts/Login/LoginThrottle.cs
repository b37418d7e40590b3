using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Accounts.Login;

/// <summary>
/// Failed sign-ins of one account name from one client. Back-off is per account and client, so an anonymous attacker
/// elsewhere cannot lock the real user out; it doubles with every failure past the allowance.
/// </summary>
public sealed class LoginThrottle
{
    public required string Key { get; init; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
    public DateTimeOffset? BlockedUntil { get; set; }
}

internal sealed class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottle>
{
    public void Configure(EntityTypeBuilder<LoginThrottle> b)
    {
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(400);
    }
}

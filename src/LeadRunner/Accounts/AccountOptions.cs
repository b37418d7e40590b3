namespace LeadRunner.Accounts;

/// <summary>The <c>Accounts</c> section: session, token, password and back-off settings a security administrator may tune.</summary>
public sealed class AccountOptions
{
    /// <summary>A session unused for this long ends (cookie and tokens alike).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>
    /// A session ends this long after its sign-in however active it is (ASVS V3.3.2): the cookie slides and each
    /// refresh issues a new token, so without this limit a used session would never end.
    /// </summary>
    public int AbsoluteSessionHours { get; set; } = 12;

    public TimeSpan AbsoluteSessionLifetime => TimeSpan.FromHours(AbsoluteSessionHours);

    /// <summary>Access tokens are short; scripts renew them with the single-use refresh token.</summary>
    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenHours { get; set; } = 8;

    /// <summary>0 turns password expiry off; otherwise a password older than this must be changed at the next sign-in.</summary>
    public int PasswordMaxAgeDays { get; set; }

    /// <summary>How many recent passwords may not be chosen again.</summary>
    public int PasswordHistory { get; set; } = 5;

    /// <summary>Failures of one account name from one client before back-off starts.</summary>
    public int FailuresBeforeBackOff { get; set; } = 5;

    /// <summary>The first back-off; it doubles with every further failure, up to <see cref="MaxBackOffMinutes"/>.</summary>
    public int BackOffSeconds { get; set; } = 60;

    public int MaxBackOffMinutes { get; set; } = 60;
}

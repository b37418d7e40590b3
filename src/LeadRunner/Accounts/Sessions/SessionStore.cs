using System.Security.Claims;
using System.Security.Cryptography;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Accounts.Sessions;

/// <summary>Starts, lists and ends sign-in sessions; the one place that decides a session is over.</summary>
public sealed class SessionStore(LeadRunnerDb db, TimeProvider clock, SessionRevocations revocations)
{
    /// <summary>The claim carrying the session id in the cookie and in both tokens.</summary>
    public const string SessionClaim = "lr:sid";

    /// <summary>The claim carrying the refresh nonce: only the newest refresh token of a session is accepted.</summary>
    public const string RefreshClaim = "lr:rt";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string? IdOf(ClaimsPrincipal user) => user.FindFirstValue(SessionClaim);

    /// <summary>Adds a session for the user (saved by the caller's SaveChanges) and returns it.</summary>
    public UserSession Start(AppUser user, string kind, HttpContext http)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = NewId(),
            UserId = user.Id,
            Kind = kind,
            CreatedAt = now,
            LastSeenAt = now,
            ClientIp = ClientAddress.Of(http),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null,
            RefreshNonce = kind == UserSession.Token ? NewId() : null,
        };
        db.UserSessions.Add(session);
        return session;
    }

    /// <summary>Ends one session now (logout, revoked refresh token, idle).</summary>
    public async Task<int> EndAsync(string sessionId, string reason)
    {
        var ended = await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason));
        revocations.Revoked();
        return ended;
    }

    /// <summary>Ends every live session of a user but <paramref name="except"/> (password change, lock, "sign out elsewhere").</summary>
    public async Task<int> EndAllAsync(string userId, string reason, string? except = null)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason));
        revocations.Revoked();
        return ended;
    }

    public Task<List<UserSession>> RecentAsync(string userId, int count) =>
        db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).Take(count).ToListAsync();
}

/// <summary>
/// Counts the session revocations of this process, so <see cref="SessionGuard"/> drops every cached session state
/// the moment a session is ended, an account locked or a password changed here.
/// </summary>
public sealed class SessionRevocations
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Revoked() => Interlocked.Increment(ref _version);
}

using System.Security.Claims;
using System.Security.Cryptography;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Accounts.Sessions;

/// <summary>Starts, lists and ends sign-in sessions; the one place that decides a session is over.</summary>
public sealed class SessionStore(LeadRunnerDb db, TimeProvider clock)
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
    public Task<int> EndAsync(string sessionId, string reason) =>
        db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason));

    /// <summary>Ends every live session of a user but <paramref name="except"/> (password change, lock, "sign out elsewhere").</summary>
    public Task<int> EndAllAsync(string userId, string reason, string? except = null) =>
        db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason));

    public Task<List<UserSession>> RecentAsync(string userId, int count) =>
        db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).Take(count).ToListAsync();
}

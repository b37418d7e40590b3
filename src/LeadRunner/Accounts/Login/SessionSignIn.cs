using System.Security.Claims;
using LeadRunner.Accounts.Sessions;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Accounts.Login;

/// <summary>
/// Turns a checked sign-in into a session: the site cookie for browsers, an access and refresh token pair for
/// scripts. Both carry the session id, which <see cref="SessionGuard"/> checks on every request.
/// </summary>
public sealed class SessionSignIn(
    LeadRunnerDb db,
    SignInManager<AppUser> signIn,
    SessionStore sessions,
    AuditLog audit,
    TimeProvider clock,
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptions<AccountOptions> options,
    SecurityNotices notices)
{
    public async Task SignInCookieAsync(AppUser user, HttpContext http)
    {
        var principal = await StartAsync(user, UserSession.Cookie, http);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
    }

    public async Task<SignInHttpResult> SignInTokenAsync(AppUser user, HttpContext http)
    {
        var principal = await StartAsync(user, UserSession.Token, http);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>
    /// Exchanges a refresh token for a new pair. Each refresh token works once: a second use means it was copied,
    /// so the whole session ends. The nonce is swapped by one conditional update, so of two concurrent uses of the
    /// same token exactly one wins and the other counts as a reuse. No refresh extends a session past its absolute lifetime.
    /// </summary>
    public async Task<SignInHttpResult?> RefreshAsync(string refreshToken)
    {
        var now = clock.GetUtcNow();
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires
            || SessionStore.IdOf(ticket.Principal) is not { } sessionId
            || await db.UserSessions.FindAsync(sessionId) is not { IsLive: true } session)
        {
            return null;
        }
        var presented = ticket.Principal.FindFirstValue(SessionStore.RefreshClaim);
        if (presented is null || presented != session.RefreshNonce)
        {
            return await ReusedAsync(sessionId, ticket.Principal);
        }
        if (now - session.CreatedAt > options.Value.AbsoluteSessionLifetime)
        {
            await sessions.EndAsync(sessionId, SessionGuard.AbsoluteLifetimeReached);
            return null;
        }
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { DisabledAt: null } user)
        {
            await sessions.EndAsync(sessionId, "账号凭据已变更");
            return null;
        }
        var next = SessionStore.NewId();
        var swapped = await db.UserSessions
            .Where(s => s.Id == sessionId && s.EndedAt == null && s.RefreshNonce == presented)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RefreshNonce, next).SetProperty(s => s.LastSeenAt, now));
        if (swapped != 1)
        {
            // Another request spent this token between our read and our write.
            return await ReusedAsync(sessionId, ticket.Principal);
        }
        var principal = await PrincipalAsync(user, sessionId, next);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private async Task<SignInHttpResult?> ReusedAsync(string sessionId, ClaimsPrincipal presentedBy)
    {
        await sessions.EndAsync(sessionId, "刷新令牌被重复使用");
        audit.Record("刷新令牌重复使用", $"会话 {sessionId[..8]}", reason: "已结束该会话", userName: presentedBy.Identity?.Name, kind: AuditKinds.Login);
        await db.SaveChangesAsync();
        return null;
    }

    private async Task<ClaimsPrincipal> StartAsync(AppUser user, string kind, HttpContext http)
    {
        var how = kind == UserSession.Cookie ? "浏览器" : "令牌";
        await notices.SignInFromNewAddressAsync(user, ClientAddress.Of(http), how);
        var session = sessions.Start(user, kind, http);
        audit.Record("登录成功", $"{user.UserName}（来自 {session.ClientIp}，{how}）", userName: user.UserName, kind: AuditKinds.Login);
        await db.SaveChangesAsync();
        return await PrincipalAsync(user, session.Id, session.RefreshNonce);
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(AppUser user, string sessionId, string? refreshNonce)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionStore.SessionClaim, sessionId));
        if (refreshNonce is { } nonce)
        {
            identity.AddClaim(new Claim(SessionStore.RefreshClaim, nonce));
        }
        return principal;
    }
}

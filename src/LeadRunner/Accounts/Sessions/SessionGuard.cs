using System.Security.Claims;
using LeadRunner.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LeadRunner.Accounts.Sessions;

/// <summary>
/// Checks every authenticated request, cookie or token, against its session and its user: an ended, idle or too old session,
/// a changed security stamp, a disabled or locked account make the request anonymous at once (ASVS V3.3).
/// A user who must replace a one-time password reaches nothing else until it is done.
/// A session's state is read from the database at most every two seconds: anything that ends sessions in this
/// process drops every cached state at once, so only another instance's revocation can take up to two seconds.
/// </summary>
public sealed class SessionGuard(RequestDelegate next, IOptions<AccountOptions> options, IOptions<IdentityOptions> identity,
    IMemoryCache cache, SessionRevocations revocations)
{
    /// <summary>Why a session ended at its absolute lifetime (here and when a refresh token is presented too late).</summary>
    public const string AbsoluteLifetimeReached = "已达会话最长时限";

    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    public async Task InvokeAsync(HttpContext http, TimeProvider clock)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var state = await CheckAsync(http, clock);
            if (state is null)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (http.Request.Cookies.ContainsKey(AccountsFeature.CookieName))
                {
                    http.Response.Cookies.Delete(AccountsFeature.CookieName);
                }
            }
            else if (state.MustChangePassword && !MayPassBeforeChange(http.Request.Path))
            {
                await RefuseUntilChangedAsync(http);
                return;
            }
        }
        await next(http);
    }

    private sealed record LiveState(DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Stamp, DateTimeOffset? DisabledAt, DateTimeOffset? LockoutEnd, bool MustChangePassword);

    // Compiled once: this query runs on every authenticated request (see docs/performance.md).
    private static readonly Func<LeadRunnerDb, string, Task<LiveState?>> LiveStateOf = EF.CompileAsyncQuery((LeadRunnerDb db, string sessionId) =>
        db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.EndedAt == null)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new LiveState(s.CreatedAt, s.LastSeenAt, u.SecurityStamp, u.DisabledAt, u.LockoutEnd, u.MustChangePassword))
            .FirstOrDefault());

    private sealed record Cached(LiveState State, long Version, DateTimeOffset ReadAt);

    private async Task<LiveState?> CheckAsync(HttpContext http, TimeProvider clock)
    {
        if (SessionStore.IdOf(http.User) is not { } sessionId)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var version = revocations.Version;
        LiveState? state;
        if (cache.TryGetValue(sessionId, out Cached? cached) && cached!.Version == version && now - cached.ReadAt < CacheFor)
        {
            state = cached.State;
        }
        else
        {
            state = await LiveStateOf(http.RequestServices.GetRequiredService<LeadRunnerDb>(), sessionId);
            if (state is null)
            {
                return null;
            }
            cache.Set(sessionId, new Cached(state, version, now), CacheFor);
        }
        var stampClaim = http.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        string? reason = null;
        if (stampClaim != state.Stamp)
        {
            reason = "账号凭据已变更";
        }
        else if (state.DisabledAt is not null)
        {
            reason = "账号已停用";
        }
        else if (state.LockoutEnd > now)
        {
            reason = "账号已锁定";
        }
        else if (now - state.LastSeenAt > TimeSpan.FromMinutes(options.Value.IdleTimeoutMinutes))
        {
            reason = "空闲超时";
        }
        else if (now - state.CreatedAt > options.Value.AbsoluteSessionLifetime)
        {
            reason = AbsoluteLifetimeReached;
        }
        if (reason is not null)
        {
            await http.RequestServices.GetRequiredService<SessionStore>().EndAsync(sessionId, reason);
            return null;
        }
        if (now - state.LastSeenAt > TouchInterval)
        {
            await http.RequestServices.GetRequiredService<LeadRunnerDb>().UserSessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), http.RequestAborted);
            cache.Set(sessionId, new Cached(state with { LastSeenAt = now }, version, now), CacheFor);
        }
        return state;
    }

    private static bool MayPassBeforeChange(PathString path) =>
        path.StartsWithSegments("/account/password") || path.StartsWithSegments("/logout") || path.StartsWithSegments("/api/auth")
        || path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/error");

    private static Task RefuseUntilChangedAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "请先修改初始密码",
                    Detail = "该账号使用的是一次性密码，须先通过 POST /api/auth/manage/info 或“我的账号”页面设置新密码。",
                },
            }).AsTask();
        }
        http.Response.Redirect("/account/password");
        return Task.CompletedTask;
    }
}

using System.Globalization;
using System.Security.Claims;
using LeadRunner.Accounts.Login;
using LeadRunner.Accounts.Passwords;
using LeadRunner.Accounts.Sessions;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace LeadRunner.Accounts;

/// <summary>
/// Sign-in for scripts and integrations: bearer tokens tied to a session, single-use refresh tokens, logout,
/// and the caller's own account (read it, change the password, list and end sessions). Accounts are issued by the
/// security administrator, so there is no self-registration.
/// </summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Email, string? UserName, string? Password);
    public sealed record RefreshRequest(string? RefreshToken);
    public sealed record ChangePasswordRequest(string? OldPassword, string? NewPassword);
    public sealed record AccountInfo(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool MustChangePassword, DateTimeOffset? PasswordChangedAt);
    public sealed record SessionDto(string Id, string Kind, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? ClientIp, string? UserAgent, DateTimeOffset? EndedAt, string? EndReason, bool Current);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("认证");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization();
        group.MapGet("/manage/info", InfoAsync).RequireAuthorization();
        group.MapPost("/manage/info", ChangePasswordAsync).RequireAuthorization();
        group.MapGet("/sessions", SessionsAsync).RequireAuthorization();
        group.MapPost("/sessions/end-others", EndOthersAsync).RequireAuthorization();
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request, PasswordSignIn check, SessionSignIn sessions, HttpContext http)
    {
        var userName = request.UserName ?? request.Email;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(request.Password))
        {
            return ApiProblems.Invalid("userName", "请提供用户名（userName 或 email）和密码（password）。");
        }
        return await check.CheckAsync(userName, request.Password, http) switch
        {
            PasswordSignIn.Result.Success success => await sessions.SignInTokenAsync(success.User, http),
            PasswordSignIn.Result.BackedOff backedOff => TooManyAttempts(http, backedOff.Seconds),
            _ => TypedResults.Problem(title: "登录失败", detail: PasswordSignIn.Refused, statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    /// <summary>The answer to a client in back-off: 429 with when to try again, the same for every account name.</summary>
    private static ProblemHttpResult TooManyAttempts(HttpContext http, int seconds)
    {
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "登录尝试过于频繁", detail: $"失败次数过多，请 {seconds} 秒后再试。", statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(RefreshRequest request, SessionSignIn sessions)
    {
        var result = string.IsNullOrEmpty(request.RefreshToken) ? null : await sessions.RefreshAsync(request.RefreshToken);
        return result is null
            ? TypedResults.Problem(title: "刷新令牌无效", detail: "刷新令牌已过期、已使用或所属会话已结束，请重新登录。", statusCode: StatusCodes.Status401Unauthorized)
            : result;
    }

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal user, SessionStore sessions)
    {
        if (SessionStore.IdOf(user) is { } id)
        {
            await sessions.EndAsync(id, "退出登录");
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountInfo>, NotFound>> InfoAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return TypedResults.NotFound();
        }
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new AccountInfo(user.UserName!, user.DisplayName, [.. roles], user.MustChangePassword, user.PasswordChangedAt));
    }

    private static async Task<Results<Ok<string>, ValidationProblem, NotFound>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<AppUser> users, PasswordChange change)
    {
        if (string.IsNullOrEmpty(request.OldPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return ApiProblems.Invalid("newPassword", "请提供原密码（oldPassword）和新密码（newPassword）。");
        }
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return TypedResults.NotFound();
        }
        var result = await change.ChangeAsync(user, request.OldPassword, request.NewPassword);
        return result.Succeeded
            ? TypedResults.Ok("密码已修改，原有的登录会话和令牌均已失效，请重新登录。")
            : ApiProblems.Invalid(PasswordErrors.ByField(result));
    }

    private static async Task<Ok<List<SessionDto>>> SessionsAsync(ClaimsPrincipal principal, UserManager<AppUser> users, SessionStore sessions)
    {
        var current = SessionStore.IdOf(principal);
        var list = await sessions.RecentAsync(users.GetUserId(principal)!, 20);
        return TypedResults.Ok(list.Select(s => new SessionDto(s.Id[..8], s.Kind, s.CreatedAt, s.LastSeenAt, s.ClientIp, s.UserAgent, s.EndedAt, s.EndReason, s.Id == current)).ToList());
    }

    private static async Task<Ok<int>> EndOthersAsync(ClaimsPrincipal principal, UserManager<AppUser> users, SessionStore sessions) =>
        TypedResults.Ok(await sessions.EndAllAsync(users.GetUserId(principal)!, "在其他会话中退出", except: SessionStore.IdOf(principal)));
}

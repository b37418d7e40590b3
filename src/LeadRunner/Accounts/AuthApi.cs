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
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("Login").WithSummary("登录并获取访问令牌")
            .WithDescription("以用户名（或电子邮箱）和密码登录，返回访问令牌（accessToken，放在 Authorization: Bearer 头中）和刷新令牌，匿名可用。用户名或密码错误为 401，连续失败后须等待（429，Retry-After 给出秒数）。");
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("RefreshToken").WithSummary("用刷新令牌换取新令牌")
            .WithDescription("用刷新令牌换取新的访问令牌和刷新令牌，匿名可用。每个刷新令牌只能使用一次，重复使用会结束整个会话；令牌过期、已使用或会话已结束为 401。");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithName("Logout").WithSummary("退出登录")
            .WithDescription("结束当前会话，其访问令牌和刷新令牌随即失效；任何已登录用户可调用。");
        group.MapGet("/manage/info", InfoAsync).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetMyAccount").WithSummary("查看本人账号")
            .WithDescription("返回当前登录用户的用户名、姓名、角色以及是否须修改密码；只能查看本人。");
        group.MapPost("/manage/info", ChangePasswordAsync).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ChangeMyPassword").WithSummary("修改本人密码")
            .WithDescription("以原密码验证后修改本人密码，本人原有的全部会话和令牌随即失效。原密码错误或新密码不符合密码规则为 400，并按字段列出原因。");
        group.MapGet("/sessions", SessionsAsync).RequireAuthorization()
            .WithName("ListMySessions").WithSummary("本人最近的登录会话")
            .WithDescription("列出本人最近 20 个登录会话（浏览器或令牌），含来源地址、最后活动时间和结束原因，并标出当前会话；只能查看本人。");
        group.MapPost("/sessions/end-others", EndOthersAsync).RequireAuthorization()
            .WithName("EndMyOtherSessions").WithSummary("结束本人的其他会话")
            .WithDescription("结束本人除当前会话以外的全部会话，返回结束的会话数；只作用于本人。");
    }

    // The bearer handler writes the AccessTokenResponse when the sign-in runs; Ok<AccessTokenResponse> puts that
    // body in the description, as ASP.NET Core Identity's own login endpoint does.
    private static async Task<Results<Ok<AccessTokenResponse>, SignInHttpResult, ProblemHttpResult, ValidationProblem>> LoginAsync(
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

    private static async Task<Results<Ok<AccessTokenResponse>, SignInHttpResult, ProblemHttpResult>> RefreshAsync(RefreshRequest request, SessionSignIn sessions)
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

    private static async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> InfoAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return NoAccount();
        }
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new AccountInfo(user.UserName!, user.DisplayName, [.. roles], user.MustChangePassword, user.PasswordChangedAt));
    }

    private static async Task<Results<Ok<string>, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<AppUser> users, PasswordChange change)
    {
        if (string.IsNullOrEmpty(request.OldPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return ApiProblems.Invalid("newPassword", "请提供原密码（oldPassword）和新密码（newPassword）。");
        }
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return NoAccount();
        }
        var result = await change.ChangeAsync(user, request.OldPassword, request.NewPassword);
        return result.Succeeded
            ? TypedResults.Ok("密码已修改，原有的登录会话和令牌均已失效，请重新登录。")
            : ApiProblems.Invalid(PasswordErrors.ByField(result));
    }

    /// <summary>The signed-in account was deleted while its session lived on.</summary>
    private static ProblemHttpResult NoAccount() => ApiProblems.NotFound("当前登录的账号已不存在，请重新登录。");

    private static async Task<Ok<List<SessionDto>>> SessionsAsync(ClaimsPrincipal principal, UserManager<AppUser> users, SessionStore sessions)
    {
        var current = SessionStore.IdOf(principal);
        var list = await sessions.RecentAsync(users.GetUserId(principal)!, 20);
        return TypedResults.Ok(list.Select(s => new SessionDto(s.Id[..8], s.Kind, s.CreatedAt, s.LastSeenAt, s.ClientIp, s.UserAgent, s.EndedAt, s.EndReason, s.Id == current)).ToList());
    }

    private static async Task<Ok<int>> EndOthersAsync(ClaimsPrincipal principal, UserManager<AppUser> users, SessionStore sessions) =>
        TypedResults.Ok(await sessions.EndAllAsync(users.GetUserId(principal)!, "在其他会话中退出", except: SessionStore.IdOf(principal)));
}

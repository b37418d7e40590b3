using System.Security.Claims;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace LeadRunner.Accounts.Admin;

/// <summary>Accounts for the security administrator (安全管理员) only: list, create, lock, unlock, reset, disable, enable, change the role or region, the publishing permission.</summary>
public static class AccountsApi
{
    public sealed record ReasonRequest(string? Reason);
    public sealed record Issued(string Id, string UserName, string OneTimePassword, string Message);
    public sealed record Changed(string Id, string UserName, string State);
    public sealed record PermissionRequest(bool? Grant);
    public sealed record RoleChanged(string Id, string UserName, string Role, string RoleName, string Region, string Message);

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("账号管理").RequireAuthorization(Policies.SecAdmin);
        group.MapGet("", (AccountAdministration accounts, string? role, string? q, int? page, int? pageSize) =>
            accounts.ListAsync(role, q, page ?? 1, pageSize ?? 50));
        group.MapPost("", CreateAsync);
        group.MapPost("/{id}/lock", (string id, ReasonRequest? body, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.LockAsync(id, users.GetUserId(user)!, body?.Reason), clock));
        group.MapPost("/{id}/unlock", (string id, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.UnlockAsync(id, users.GetUserId(user)!), clock));
        group.MapPost("/{id}/disable", (string id, ReasonRequest? body, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.DisableAsync(id, users.GetUserId(user)!, body?.Reason), clock));
        group.MapPost("/{id}/enable", (string id, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.EnableAsync(id, users.GetUserId(user)!), clock));
        group.MapPost("/{id}/reset", ResetAsync);
        group.MapPut("/{id}/role", ChangeRoleAsync).WithSummary("变更账号的角色或所属区域（须说明原因）；该账号的会话随即结束");
        group.MapPost("/{id}/permissions/publish", (string id, PermissionRequest? body, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            body?.Grant is { } grant
                ? Answer(accounts.SetPublishAsync(id, users.GetUserId(user)!, grant), clock)
                : Task.FromResult<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>>(ApiProblems.Invalid("grant", "请用 grant 指明授予（true）还是收回（false）发布权限。")))
            .WithSummary("授予或收回省级账号的网站内容发布权限；该账号的会话随即结束");
    }

    private static async Task<Results<Created<Issued>, ValidationProblem>> CreateAsync(AccountAdministration.NewAccount request, AccountAdministration accounts) =>
        await accounts.CreateAsync(request) switch
        {
            AccountAdministration.Outcome.Done { User: var user, OneTimePassword: { } password } =>
                TypedResults.Created($"/api/accounts/{user.Id}", new Issued(user.Id, user.UserName!, password, "账号已创建。一次性密码只显示这一次，用户首次登录时须修改。")),
            AccountAdministration.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            _ => throw new InvalidOperationException("创建账号没有结果。"),
        };

    private static async Task<Results<Ok<Issued>, ValidationProblem, ProblemHttpResult>> ResetAsync(
        string id, AccountAdministration accounts, ClaimsPrincipal principal, UserManager<AppUser> users) =>
        await accounts.ResetAsync(id, users.GetUserId(principal)!) switch
        {
            AccountAdministration.Outcome.Done { User: var user, OneTimePassword: { } password } =>
                TypedResults.Ok(new Issued(user.Id, user.UserName!, password, "密码已重置，原有会话均已结束。一次性密码只显示这一次，用户登录后须修改。")),
            AccountAdministration.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            _ => ApiProblems.NotFound($"账号 {id} 不存在。"),
        };

    private static async Task<Results<Ok<RoleChanged>, ValidationProblem, ProblemHttpResult>> ChangeRoleAsync(
        string id, AccountAdministration.RoleChange request, AccountAdministration accounts, ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        switch (await accounts.ChangeRoleAsync(id, users.GetUserId(principal)!, request))
        {
            case AccountAdministration.Outcome.Done { User: var user }:
                var now = await accounts.StandingOfAsync(user);
                return TypedResults.Ok(new RoleChanged(user.Id, user.UserName!, now.Role, now.RoleName, now.Region, "角色已变更，该账号的会话均已结束，重新登录后按新角色使用。"));
            case AccountAdministration.Outcome.Invalid invalid:
                return ApiProblems.Invalid(invalid.Errors);
            default:
                return ApiProblems.NotFound($"账号 {id} 不存在。");
        }
    }

    private static async Task<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>> Answer(Task<AccountAdministration.Outcome> change, TimeProvider clock) =>
        await change switch
        {
            AccountAdministration.Outcome.Done { User: var user } =>
                TypedResults.Ok(new Changed(user.Id, user.UserName!, AccountAdministration.StateOf(user, clock.GetUtcNow()))),
            AccountAdministration.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            _ => ApiProblems.NotFound("账号不存在。"),
        };
}

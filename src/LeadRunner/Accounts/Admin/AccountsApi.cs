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
        group.MapGet("", ListAsync)
            .WithName("ListAccounts").WithSummary("账号列表")
            .WithDescription("按角色（role）和用户名或姓名（q）筛选账号，分页（page、pageSize，每页至多 200 条），按用户名排序；仅安全管理员可调用。");
        group.MapPost("", CreateAsync)
            .WithName("CreateAccount").WithSummary("创建账号")
            .WithDescription("创建账号并返回只显示一次的一次性密码，用户首次登录时须修改；仅安全管理员可调用。用户名重复、角色或区域不符为 400，并按字段列出原因。");
        group.MapPost("/{id}/lock", (string id, ReasonRequest? body, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.LockAsync(id, users.GetUserId(user)!, body?.Reason), clock))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("LockAccount").WithSummary("锁定账号")
            .WithDescription("锁定账号并结束其全部会话，可附原因（reason）；仅安全管理员可调用，不能锁定自己。账号不存在为 404。");
        group.MapPost("/{id}/unlock", (string id, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.UnlockAsync(id, users.GetUserId(user)!), clock))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("UnlockAccount").WithSummary("解锁账号")
            .WithDescription("解除账号的锁定（含登录失败过多造成的锁定）；仅安全管理员可调用，不能操作自己。账号不存在为 404。");
        group.MapPost("/{id}/disable", (string id, ReasonRequest? body, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.DisableAsync(id, users.GetUserId(user)!, body?.Reason), clock))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DisableAccount").WithSummary("停用账号")
            .WithDescription("停用账号并结束其全部会话，可附原因（reason）；仅安全管理员可调用，不能停用自己。账号不存在为 404。");
        group.MapPost("/{id}/enable", (string id, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            Answer(accounts.EnableAsync(id, users.GetUserId(user)!), clock))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("EnableAccount").WithSummary("启用账号")
            .WithDescription("重新启用已停用的账号；仅安全管理员可调用，不能操作自己。账号不存在为 404。");
        group.MapPost("/{id}/reset", ResetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ResetAccountPassword").WithSummary("重置账号密码")
            .WithDescription("为账号生成只显示一次的一次性密码并结束其全部会话，用户登录后须修改；仅安全管理员可调用，不能重置自己。账号不存在为 404。");
        group.MapPut("/{id}/role", ChangeRoleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ChangeAccountRole").WithSummary("变更账号角色或区域")
            .WithDescription("变更账号的角色或所属区域（须说明原因），该账号的会话随即结束；仅安全管理员可调用。角色与区域不符或缺少原因为 400，账号不存在为 404。");
        group.MapPost("/{id}/permissions/publish", (string id, PermissionRequest? body, AccountAdministration accounts, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock) =>
            body?.Grant is { } grant
                ? Answer(accounts.SetPublishAsync(id, users.GetUserId(user)!, grant), clock)
                : Task.FromResult<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>>(ApiProblems.Invalid("grant", "请用 grant 指明授予（true）还是收回（false）发布权限。")))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("SetAccountPublishPermission").WithSummary("授予或收回发布权限")
            .WithDescription("授予或收回省级账号的网站内容发布权限（grant 为 true 或 false），该账号的会话随即结束；仅安全管理员可调用。非省级账号为 400，账号不存在为 404。");
    }

    private static async Task<Ok<AccountAdministration.Page>> ListAsync(AccountAdministration accounts, string? role, string? q, int? page, int? pageSize) =>
        TypedResults.Ok(await accounts.ListAsync(role, q, page ?? 1, pageSize ?? 50));

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

using System.Security.Claims;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Notifications;

public static class NotificationsApi
{
    public sealed record InboxPage(int Total, int Unread, int Page, int PageSize, IReadOnlyList<NotificationInbox.Item> Items);
    public sealed record UnreadCount(int Unread);
    public sealed record MarkedAll(int Marked, int Unread);

    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("消息").RequireAuthorization();
        group.MapGet("/", List)
            .WithName("ListNotifications").WithSummary("本人的消息")
            .WithDescription($"列出本人的消息（发给本角色和本辖区的，以及只发给本人的安全提醒），最新的在前，unread=true 只列未读，分页（page、pageSize，每页至多 {NotificationInbox.MaxPageSize} 条）；任何已登录用户只能看到自己的。参数不合法为 400，并按字段列出原因。");
        group.MapPost("/{id:long}/read", MarkRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("MarkNotificationRead").WithSummary("将一条消息标为已读")
            .WithDescription("将一条消息标为已读（只对本人生效），返回本人剩余的未读数。消息不存在或不是发给本人的为 404。");
        group.MapPost("/read-all", MarkAllRead)
            .WithName("MarkAllNotificationsRead").WithSummary("将全部消息标为已读")
            .WithDescription("将本人的全部消息标为已读（只对本人生效），返回标记的条数。");
    }

    // unread is read by hand: "?unread=" (empty) means all, which bool? binding would refuse.
    private static async Task<Results<Ok<InboxPage>, ValidationProblem>> List(NotificationInbox inbox, ClaimsPrincipal user, string? unread, int? page, int? pageSize, CancellationToken ct)
    {
        if (unread is { Length: > 0 } && !bool.TryParse(unread, out _) && unread is not ("0" or "1"))
        {
            return ApiProblems.Invalid("unread", "只看未读（unread）须为 true 或 false。");
        }
        if (page is < 1)
        {
            return ApiProblems.Invalid("page", "页码（page）须为不小于 1 的整数。");
        }
        if (pageSize is < 1 or > NotificationInbox.MaxPageSize)
        {
            return ApiProblems.Invalid("pageSize", $"每页条数（pageSize）须在 1 到 {NotificationInbox.MaxPageSize} 之间。");
        }
        var unreadOnly = unread is "1" || (bool.TryParse(unread, out var flag) && flag);
        var result = await inbox.ListAsync(UserId(user), unreadOnly, page ?? 1, pageSize ?? NotificationInbox.DefaultPageSize, ct);
        return TypedResults.Ok(new InboxPage(result.Total, result.Unread, result.PageNumber, result.PageSize, result.Items));
    }

    private static async Task<Results<Ok<UnreadCount>, ProblemHttpResult>> MarkRead(long id, NotificationInbox inbox, ClaimsPrincipal user, CancellationToken ct) =>
        await inbox.MarkReadAsync(UserId(user), id, ct)
            ? TypedResults.Ok(new UnreadCount(await inbox.UnreadCountAsync(UserId(user), ct)))
            : ApiProblems.NotFound($"消息 {id} 不存在或不是发给您的。");

    private static async Task<Ok<MarkedAll>> MarkAllRead(NotificationInbox inbox, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new MarkedAll(await inbox.MarkAllReadAsync(UserId(user), ct), 0));

    internal static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}

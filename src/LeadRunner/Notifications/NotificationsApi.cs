using System.Security.Claims;
using LeadRunner.Hosting;

namespace LeadRunner.Notifications;

public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("消息").RequireAuthorization();
        group.MapGet("/", List).WithSummary("本人的消息（发给本角色和本辖区的，以及只发给本人的安全提醒），最新的在前；unread=true 只列未读");
        group.MapPost("/{id:long}/read", MarkRead).WithSummary("将一条消息标为已读（仅对本人）");
        group.MapPost("/read-all", MarkAllRead).WithSummary("将本人的全部消息标为已读");
    }

    // unread is read by hand: "?unread=" (empty) means all, which bool? binding would refuse.
    private static async Task<IResult> List(NotificationInbox inbox, ClaimsPrincipal user, string? unread, int? page, int? pageSize, CancellationToken ct)
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
        return TypedResults.Ok(new
        {
            total = result.Total, unread = result.Unread, page = result.PageNumber, pageSize = result.PageSize, items = result.Items,
        });
    }

    private static async Task<IResult> MarkRead(long id, NotificationInbox inbox, ClaimsPrincipal user, CancellationToken ct) =>
        await inbox.MarkReadAsync(UserId(user), id, ct)
            ? TypedResults.Ok(new { unread = await inbox.UnreadCountAsync(UserId(user), ct) })
            : ApiProblems.NotFound($"消息 {id} 不存在或不是发给您的。");

    private static async Task<IResult> MarkAllRead(NotificationInbox inbox, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new { marked = await inbox.MarkAllReadAsync(UserId(user), ct), unread = 0 });

    internal static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}

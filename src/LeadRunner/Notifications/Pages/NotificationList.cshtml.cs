using LeadRunner.Cms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Notifications.Pages;

/// <summary>消息: the signed-in person's notifications, newest first, with their read state.</summary>
[Authorize]
public sealed class NotificationListModel(NotificationInbox inbox) : PageModel
{
    public NotificationInbox.Page Items { get; private set; } = new(0, 0, 1, NotificationInbox.DefaultPageSize, []);
    public bool UnreadOnly { get; private set; }
    public Pager Pager => new(Items.Total, Items.PageNumber, Items.PageSize, UnreadOnly ? "/notifications?unread=true&" : "/notifications?");

    // "page" is also Razor Pages' own route value (the page's path), so the number is read from the query by name.
    public async Task OnGetAsync(bool? unread, [FromQuery(Name = "page")] int? number, CancellationToken ct)
    {
        UnreadOnly = unread == true;
        Items = await inbox.ListAsync(NotificationsApi.UserId(User), UnreadOnly, Math.Max(number ?? 1, 1), NotificationInbox.DefaultPageSize, ct);
    }
}

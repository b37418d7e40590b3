using LeadRunner.Data;
using LeadRunner.Notifications.Mail;
using LeadRunner.Workflow.Runtime;

namespace LeadRunner.Notifications;

/// <summary>
/// The one way to leave a notification: the in-app row and one e-mail per recipient with an address, added to the
/// caller's unit of work so that both are saved in its transaction or not at all.
/// </summary>
public static class NotificationOutbox
{
    public const string SubjectPrefix = "【领跑者平台】";

    public static async Task AddAsync(LeadRunnerDb db, Notification notification)
    {
        db.Notifications.Add(notification);
        var link = notification.InstanceId is { } caseId ? $"/cases/{caseId}" : "/notifications";
        foreach (var recipient in await NotificationAudience.RecipientsAsync(db, notification))
        {
            db.OutgoingMails.Add(new OutgoingMail
            {
                InstanceId = notification.InstanceId,
                UserId = recipient.UserId,
                ToAddress = recipient.Email,
                ToName = recipient.Name,
                Subject = Clip(SubjectPrefix + notification.Title, 300),
                Body = Clip($"{recipient.Name}：\n\n{notification.Title}\n{notification.Message}".TrimEnd(), 3000),
                Link = link,
                CreatedAt = notification.CreatedAt,
                NextAttemptAt = notification.CreatedAt,
            });
        }
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

using LeadRunner.Notifications.Mail;

namespace LeadRunner.Notifications;

/// <summary>In-app notifications with per-person read state, their e-mail outbox and sender, and reminders before deadlines.</summary>
public static class NotificationsFeature
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<NotificationInbox>();
        services.AddSingleton<DeadlineReminders>();
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.AddSingleton<MailSender>();
        if (configuration.GetValue("Mail:SenderEnabled", true))
        {
            services.AddHostedService<MailSenderService>();
        }
        return services;
    }

    public static void MapNotifications(this IEndpointRouteBuilder app) => app.MapNotificationsApi();
}

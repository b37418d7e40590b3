namespace LeadRunner.Notifications.Mail;

/// <summary>The <c>Mail</c> section: SMTP when a host is configured, otherwise .eml files in a pickup folder (development).</summary>
public sealed class MailOptions
{
    public bool SenderEnabled { get; set; } = true;
    public int PollSeconds { get; set; } = 30;
    public int MaxAttempts { get; set; } = 5;

    /// <summary>A message claimed longer ago than this, and not marked sent, was interrupted: it becomes unconfirmed.</summary>
    public int ClaimMinutes { get; set; } = 10;

    /// <summary>Relative to the content root; used when <see cref="SmtpOptions.Host"/> is empty.</summary>
    public string PickupDirectory { get; set; } = "data/mail-pickup";
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "noreply@lingpao.hebei.example";
    public bool EnableSsl { get; set; } = true;
}

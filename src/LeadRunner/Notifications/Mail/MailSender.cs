using System.Net;
using System.Net.Mail;
using System.Text;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Notifications.Mail;

/// <summary>
/// Delivers the outbox. Each message is claimed (<see cref="JobClaims"/>, then Pending → Sending: of two senders on any
/// instances one wins),
/// handed to the server, then marked sent. A refusal by the server is retried with a back-off up to
/// <see cref="MailOptions.MaxAttempts"/>. A message found still claimed after <see cref="MailOptions.ClaimMinutes"/>
/// was interrupted (the process died while or after sending): it becomes unconfirmed and is never sent again, so a
/// crash can leave at most the one message in hand unconfirmed and can send none twice.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MailOptions> options, IHostEnvironment environment,
    ILogger<MailSender> logger)
{
    private const string Footer = "此邮件由河北省特色产业集群“领跑者”企业服务平台自动发送，请勿直接回复。";

    /// <summary>Sends every message due now, one at a time; returns how many were sent.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var interrupted = now - TimeSpan.FromMinutes(settings.ClaimMinutes);
        await db.OutgoingMails
            .Where(m => m.Status == OutgoingMailStatus.Sending && m.ClaimedAt < interrupted)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutgoingMailStatus.Unconfirmed)
                .SetProperty(m => m.LastError, "发送过程中服务中断，无法确认是否送达；为避免重复发送，不再自动重试。"), ct);
        var due = await db.OutgoingMails.AsNoTracking()
            .Where(m => m.Status == OutgoingMailStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(100).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        // Read only when there is mail: without a configured address in production it refuses, and the mail waits.
        var baseUrl = scope.ServiceProvider.GetRequiredService<VerificationAddress>().BaseUrl;
        using var client = CreateClient(settings);
        var sent = 0;
        foreach (var mail in due)
        {
            ct.ThrowIfCancellationRequested();
            if (!await ClaimAsync(db, mail.Id, ct))
            {
                continue; // another sender has it
            }
            try
            {
                using var message = Compose(mail, settings.Smtp, baseUrl);
                await client.SendMailAsync(message, ct);
            }
            catch (Exception ex) when (ex is SmtpException or InvalidOperationException or IOException or FormatException)
            {
                await RecordFailureAsync(db, mail, ex, settings.MaxAttempts, ct);
                continue;
            }
            await db.OutgoingMails.Where(m => m.Id == mail.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutgoingMailStatus.Sent).SetProperty(m => m.SentAt, clock.GetUtcNow()), CancellationToken.None);
            sent++;
        }
        return sent;
    }

    /// <summary>Pending → Sending in a transaction of its own, committed before the message is handed to the server.</summary>
    private async Task<bool> ClaimAsync(LeadRunnerDb db, long mailId, CancellationToken ct)
    {
        await using var transaction = await JobClaims.BeginAsync(db, ct);
        if (!await JobClaims.ClaimOneAsync<OutgoingMail, long>(db, mailId, ct))
        {
            return false;
        }
        var claimed = await db.OutgoingMails
            .Where(m => m.Id == mailId && m.Status == OutgoingMailStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutgoingMailStatus.Sending).SetProperty(m => m.ClaimedAt, clock.GetUtcNow()), ct);
        await transaction.CommitAsync(ct);
        return claimed == 1;
    }

    private async Task RecordFailureAsync(LeadRunnerDb db, OutgoingMail mail, Exception ex, int maxAttempts, CancellationToken ct)
    {
        logger.LogWarning(ex, "邮件 {MailId} 发送失败", mail.Id);
        var attempts = mail.Attempts + 1;
        var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
        var status = attempts >= maxAttempts ? OutgoingMailStatus.Failed : OutgoingMailStatus.Pending;
        var next = clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Pow(2, attempts)); // 2, 4, 8, 16 minutes
        await db.OutgoingMails.Where(m => m.Id == mail.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, next), ct);
    }

    private SmtpClient CreateClient(MailOptions settings)
    {
        var smtp = settings.Smtp;
        if (smtp.Host.Length > 0)
        {
            var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
            if (smtp.User.Length > 0)
            {
                client.Credentials = new NetworkCredential(smtp.User, smtp.Password);
            }
            return client;
        }
        var folder = Path.GetFullPath(settings.PickupDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
    }

    private static MailMessage Compose(OutgoingMail mail, SmtpOptions smtp, string baseUrl)
    {
        var body = new StringBuilder(mail.Body).Append("\n\n");
        if (mail.Link is { } link)
        {
            body.Append("查看详情：").Append(baseUrl).Append(link).Append("\n\n");
        }
        body.Append(Footer);
        var message = new MailMessage(new MailAddress(smtp.From, "河北省工业和信息化厅", Encoding.UTF8), new MailAddress(mail.ToAddress, mail.ToName, Encoding.UTF8))
        {
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = body.ToString(),
            BodyEncoding = Encoding.UTF8,
        };
        // One id per outbox row: should an unconfirmed message be resent by hand, mail clients recognise the duplicate.
        message.Headers.Add("Message-ID", $"<outbox-{mail.Id}@{new MailAddress(smtp.From).Host}>");
        return message;
    }
}

/// <summary>Polls the outbox in the background.</summary>
public sealed class MailSenderService(MailSender sender, IOptions<MailOptions> options, ILogger<MailSenderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)));
        do
        {
            try
            {
                await sender.RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "邮件发送轮询失败，将在下次轮询时重试");
            }
        }
        while (await ticker.WaitForNextTickAsync(stoppingToken));
    }
}

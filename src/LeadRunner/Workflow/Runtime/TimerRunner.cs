using LeadRunner.Data;
using LeadRunner.Scripting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// Fires due timers. Each timer runs in its own transaction that also marks it fired, so it fires exactly once,
/// whether the app restarted or another runner raced for it. Failed work is retried with a back-off and, after
/// <see cref="MaxAttempts"/>, parked as an incident for administrators.
/// </summary>
public sealed class TimerRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TimerRunner> logger)
{
    public const int MaxAttempts = 3;

    /// <summary>Fires every timer due now; returns how many fired.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var now = clock.GetUtcNow();
            due = await db.Timers.Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now).OrderBy(t => t.DueAt).Select(t => t.Id).Take(500).ToListAsync(ct);
        }
        var fired = 0;
        foreach (var id in due)
        {
            ct.ThrowIfCancellationRequested();
            if (await FireAsync(id, ct))
            {
                fired++;
            }
        }
        return fired;
    }

    /// <summary>Fires one timer if it is still pending and due. False when someone else already did, or it failed.</summary>
    public async Task<bool> FireAsync(long timerId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var writes = scope.ServiceProvider.GetRequiredService<WriteTransactions>();
        var fireTimer = scope.ServiceProvider.GetRequiredService<Engine.FireTimer>();
        var reminders = scope.ServiceProvider.GetRequiredService<Notifications.DeadlineReminders>();
        try
        {
            // Read under the write lock: a runner in another process that fired it meanwhile is seen, and its revision
            // check refuses the one of two runners that lost the race.
            var firing = await writes.RunAsync(async () =>
            {
                // Another instance firing this timer holds its row (PostgreSQL): skip it rather than fire it twice.
                if (!await JobClaims.ClaimOneAsync<WorkflowTimer, long>(db, timerId, ct))
                {
                    return Firing.NotDue;
                }
                var timer = await db.Timers.FirstOrDefaultAsync(t => t.Id == timerId, ct);
                if (timer is null || timer.Status != TimerStatus.Pending || timer.DueAt > clock.GetUtcNow())
                {
                    return Firing.NotDue;
                }
                if (timer.Kind == TimerKind.Reminder)
                {
                    return await reminders.FireWithinAsync(db, timer, clock.GetUtcNow()) ? Firing.Fired : Firing.Settled;
                }
                await fireTimer.FireWithinAsync(timer);
                return Firing.Fired;
            }, f => f != Firing.NotDue, _ => Firing.NotDue);
            return firing == Firing.Fired;
        }
        catch (Exception ex) when (ex is ScriptFailureException or DbUpdateException or InvalidOperationException)
        {
            // The write transaction rolled back and forgot the work; the failure is recorded on its own.
            logger.LogWarning(ex, "计时器 {TimerId} 执行失败", timerId);
            await RecordFailureAsync(db, timerId, ex.Message, ct);
            return false;
        }
    }

    /// <summary>What one firing did: nothing (not due, or lost to another runner), fired, or settled without an effect.</summary>
    private enum Firing
    {
        NotDue,
        Fired,
        Settled,
    }

    private async Task RecordFailureAsync(LeadRunnerDb db, long timerId, string message, CancellationToken ct)
    {
        var timer = await db.Timers.FirstAsync(t => t.Id == timerId, ct);
        var now = clock.GetUtcNow();
        timer.Attempts++;
        timer.LastError = message.Length > 2000 ? message[..2000] : message;
        timer.Revision++;
        if (timer.Attempts >= MaxAttempts)
        {
            timer.Status = TimerStatus.Failed;
            db.Incidents.Add(new Incident
            {
                InstanceId = timer.InstanceId, TimerId = timer.Id, At = now,
                Message = $"步骤“{timer.StepId}”的期限处理连续 {timer.Attempts} 次失败：{timer.LastError}",
            });
        }
        else
        {
            timer.DueAt = now + TimeSpan.FromMinutes(Math.Pow(2, timer.Attempts)); // 2, 4 minutes
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An administrator retries a failed timer: it is due again at once and the incident is closed.</summary>
    public static async Task<bool> RetryAsync(LeadRunnerDb db, long incidentId, string by, DateTimeOffset now, CancellationToken ct)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId && i.ResolvedAt == null, ct);
        if (incident is null)
        {
            return false;
        }
        if (incident.TimerId is { } timerId && await db.Timers.FirstOrDefaultAsync(t => t.Id == timerId, ct) is { Status: TimerStatus.Failed } timer)
        {
            timer.Status = TimerStatus.Pending;
            timer.Attempts = 0;
            timer.DueAt = now;
            timer.Revision++;
        }
        incident.ResolvedAt = now;
        incident.ResolvedBy = by;
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>Polls for due timers in the background.</summary>
public sealed class TimerService(TimerRunner runner, IConfiguration configuration, ILogger<TimerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Workflow:TimerPollSeconds", 15));
        using var ticker = new PeriodicTimer(interval);
        do
        {
            try
            {
                await runner.RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "计时器轮询失败，将在下次轮询时重试");
            }
        }
        while (await ticker.WaitForNextTickAsync(stoppingToken));
    }
}

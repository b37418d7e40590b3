using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// Plans the quarterly updates (第十五条): once a quarter has ended, every current holder granted before its end owes
/// that quarter's update, an <see cref="Obligation"/> with its due date, and gets a quarterly-update case to file it
/// in. Each holder's quarter is planned in one write transaction and re-checked inside it, so
/// running twice (or two planners at once) plans once; an obligation left without a case (no open round) gets one later.
/// </summary>
public sealed class QuarterlyPlanner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<QuarterlyPlanner> logger)
{
    public const string Workflow = "quarterly-update";

    /// <summary>Plans every quarter ended by today that is not planned yet; returns how many cases it started.</summary>
    public async Task<int> PlanDueAsync(CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        List<(long HolderId, QuarterPeriod Quarter)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var holders = await db.TitleHolders.IgnoreQueryFilters().AsNoTracking()
                .Where(h => h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview)
                .Select(h => new { h.Id, h.GrantedOn }).ToListAsync(ct);
            var planned = (await db.Obligations.IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.Kind == ObligationKind.QuarterlyUpdate && (o.InstanceId != null || o.DoneAt != null))
                .Select(o => new { o.HolderId, o.Period }).ToListAsync(ct))
                .Select(o => (o.HolderId, o.Period)).ToHashSet();
            due = [.. holders.SelectMany(h => QuarterPeriod.EndedBetween(h.GrantedOn, today).Select(q => (h.Id, q)))
                .Where(x => !planned.Contains((x.Id, x.q.ToString())))];
        }
        var started = 0;
        foreach (var (holderId, quarter) in due)
        {
            ct.ThrowIfCancellationRequested();
            started += await PlanAsync(holderId, quarter) ? 1 : 0;
        }
        return started;
    }

    /// <summary>Makes sure the holder's quarter has its obligation and a case; true when this call started the case.</summary>
    public async Task<bool> PlanAsync(long holderId, QuarterPeriod quarter)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var writes = scope.ServiceProvider.GetRequiredService<WriteTransactions>();
        var startCase = scope.ServiceProvider.GetRequiredService<StartCase>();
        var year = scope.ServiceProvider.GetRequiredService<HolderYear>().Current();
        var dueDates = scope.ServiceProvider.GetRequiredService<QuarterDue>();
        var period = quarter.ToString();
        try
        {
            var result = await writes.RunAsync(async () =>
            {
                // Read again under the write lock: whoever planned it meanwhile wins, and this run does nothing.
                var holder = await db.TitleHolders.IgnoreQueryFilters().FirstOrDefaultAsync(h => h.Id == holderId);
                if (holder is not { IsCurrent: true })
                {
                    return Planned.Nothing;
                }
                var obligation = await db.Obligations.IgnoreQueryFilters()
                    .FirstOrDefaultAsync(o => o.HolderId == holderId && o.Kind == ObligationKind.QuarterlyUpdate && o.Period == period);
                if (obligation is { InstanceId: not null } or { DoneAt: not null })
                {
                    return Planned.Nothing;
                }
                if (obligation is null)
                {
                    obligation = new Obligation
                    {
                        HolderId = holderId, EnterpriseId = holder.EnterpriseId, Kind = ObligationKind.QuarterlyUpdate, Period = period,
                        DueDate = dueDates.PlannedDueDate(quarter, year, clock.TodayInChina()),
                    };
                    db.Obligations.Add(obligation);
                }
                if (year is null)
                {
                    // No open round to run a case in yet: the obligation stands on its own and gets its case later.
                    return Planned.ObligationOnly;
                }
                var variables = new JsonObject
                {
                    ["year"] = year, ["period"] = period, ["periodTitle"] = quarter.Title,
                    ["dueDate"] = obligation.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
                var started = await startCase.StartWithinAsync(db, Workflow, holder.EnterpriseId, variables, Actor.System);
                if (started is not TransitionOutcome.Done done)
                {
                    return new Planned(false, false, started.Reason);
                }
                // Several quarters can be open at once: the title names the quarter, in the inbox as on the case.
                done.Instance.Title = Titled(done.Instance.Title, quarter);
                foreach (var task in done.OpenedTasks)
                {
                    task.Title = Titled(task.Title, quarter);
                }
                obligation.InstanceId = done.Instance.Id;
                obligation.Revision++;
                return Planned.Started;
            }, p => p.Commit, m => new Planned(false, false, m));
            if (result.Refusal is { Length: > 0 } refusal)
            {
                logger.LogWarning("季度数据更新 {Period}（持有人 {HolderId}）未能发起：{Reason}", period, holderId, refusal);
            }
            return result.CaseStarted;
        }
        catch (DbUpdateException ex)
        {
            // Another process planned the same quarter between our read and our write (the unique index said so).
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(ex, "季度数据更新 {Period}（持有人 {HolderId}）已由其他进程安排", period, holderId);
            }
            return false;
        }
    }

    private sealed record Planned(bool Commit, bool CaseStarted, string? Refusal)
    {
        public static readonly Planned Nothing = new(false, false, null);
        public static readonly Planned ObligationOnly = new(true, false, null);
        public static readonly Planned Started = new(true, true, null);
    }

    private static string Titled(string title, QuarterPeriod quarter)
    {
        var titled = $"{title}（{quarter.Title}）";
        return titled.Length <= 200 ? titled : title;
    }
}

/// <summary>
/// Runs the planner in the background, beside the timer service and under the same switch; the same pass schedules
/// holders due for their three-year re-review into the open round.
/// </summary>
public sealed class QuarterlyPlannerService(QuarterlyPlanner planner, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock,
    ILogger<QuarterlyPlannerService> logger) : BackgroundService
{
    public const string Pass = "holders-quarterly-plan";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Workflow:TimersEnabled", true))
        {
            return; // tests (and a read-only replica) run no background timers, so no planning either
        }
        // A quarter ends at midnight; planning a few minutes later is soon enough, and the query is one pass over the holders.
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Holders:PlannerPollMinutes", 10));
        using var ticker = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // One instance plans per period (planning twice would plan once anyway, but would race for nothing).
                if (!await JobClaims.ClaimPassAsync(scope.ServiceProvider.GetRequiredService<LeadRunnerDb>(), Pass, interval * 0.9, clock.GetUtcNow(), stoppingToken))
                {
                    continue;
                }
                await planner.PlanDueAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<ReReview.ReReviewScheduler>().ScheduleDueAsync(Workflow.Runtime.Actor.System, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "季度数据更新计划失败，将在下次轮询时重试");
            }
        }
        while (await ticker.WaitForNextTickAsync(stoppingToken));
    }
}

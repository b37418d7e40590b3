namespace LeadRunner.Cms.Editing;

/// <summary>
/// Carries out scheduled publishes and withdrawals when they come due. The requests are rows in the database, so a
/// restart loses none: the first pass after starting catches up on what fell due meanwhile.
/// </summary>
public sealed class ContentScheduler(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ContentScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Cms:SchedulerSeconds", 20)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var done = await scope.ServiceProvider.GetRequiredService<SiteContent>().RunDueAsync(stoppingToken);
                if (done > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Carried out {Count} scheduled content changes", done);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled content changes failed; retrying at the next pass");
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

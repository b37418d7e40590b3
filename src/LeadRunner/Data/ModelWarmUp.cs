using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Data;

/// <summary>Builds the EF model and compiles a first query once the app is listening, so the first user does not wait for it.</summary>
public sealed class ModelWarmUp(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<ModelWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(WarmUpAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmUpAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            await db.ReportingUnits.AsNoTracking().FirstOrDefaultAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "数据模型预热失败，将在首次请求时再构建。");
        }
    }
}

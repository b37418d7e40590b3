using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Documents.Packages;

/// <summary>
/// Builds queued packages, whichever instance queued them, into a temp file under the packages folder, renamed to .zip
/// only when complete, so a download never sees half a ZIP. Keeps one finished package per unit: the files and rows
/// of the unit's earlier builds are deleted once a new one is done.
/// </summary>
public sealed partial class PackageWorker(IServiceScopeFactory scopes, IOptions<PackageOptions> options, TimeProvider clock,
    ILogger<PackageWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RemoveUnclaimedFilesAsync(stoppingToken);
        var idle = TimeSpan.FromSeconds(Math.Max(0.2, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunNextAsync(stoppingToken))
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "打包任务轮询失败，将在下次轮询时重试");
            }
            await Task.Delay(idle, stoppingToken);
        }
    }

    /// <summary>Builds the next queued package, if any; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        PackageJob? job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            job = await scope.ServiceProvider.GetRequiredService<PackageJobs>().ClaimNextAsync(clock.GetUtcNow(), ct);
        }
        if (job is null)
        {
            return false;
        }
        await RunAsync(job, ct);
        return true;
    }

    /// <summary>
    /// Files named as this worker names them whose build is neither done with that file nor still active are left from
    /// earlier runs (cut short, or replaced): removed. Only such names, since the folder may be shared by configuration.
    /// </summary>
    private async Task RemoveUnclaimedFilesAsync(CancellationToken ct)
    {
        var folder = options.Value.Folder;
        if (!Directory.Exists(folder))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var kept = (await db.PackageJobs.AsNoTracking()
            .Where(j => j.State == PackageState.Queued || j.State == PackageState.Running || j.State == PackageState.Done)
            .Select(j => j.Id).ToListAsync(ct)).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(folder, "*.zip*"))
        {
            if (OwnFile().Match(Path.GetFileName(file)) is { Success: true } m && !kept.Contains(Guid.ParseExact(m.Groups[1].Value, "N")))
            {
                File.Delete(file);
            }
        }
    }

    public async Task RunAsync(PackageJob job, CancellationToken cancellationToken)
    {
        var folder = options.Value.Folder;
        Directory.CreateDirectory(folder);
        var fileName = $"{job.UnitCode}_{job.Id:N}.zip";
        var path = Path.Combine(folder, fileName);
        var partial = path + ".partial";
        var progress = new Progress();
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(job.Id, progress, beating.Token);
        try
        {
            PackageSummary summary;
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await using var scope = scopes.CreateAsyncScope();
                var builder = scope.ServiceProvider.GetRequiredService<PackageBuilder>();
                summary = await builder.WriteAsync(job.Request, output, progress, cancellationToken);
            }
            File.Move(partial, path, overwrite: true);
            job.Size = new FileInfo(path).Length;
            job.FileName = fileName;
            job.DownloadName = $"{(summary.Year is { } y ? $"{y}年度_" : "")}{PackageWriter.SafeName(summary.UnitName, job.UnitCode)}_领跑者企业推荐材料.zip";
            job.Problems = [.. summary.Problems];
            job.State = PackageState.Done;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Error = "服务停止，打包已中断，请重新生成。";
            job.State = PackageState.Failed;
        }
        catch (Exception ex)
        {
            // A worker that dies would leave every later request queued forever: record the failure and go on.
            log.LogError(ex, "Package for unit {Unit} failed", job.UnitCode);
            job.Error = ex is LeadRunner.Scripting.ScriptFailureException or KeyNotFoundException or Issued.VerificationAddressMissingException
                ? $"打包失败：{ex.Message}"
                : "打包失败：生成文件时发生错误，请稍后重试或联系系统管理员。";
            job.State = PackageState.Failed;
        }
        finally
        {
            await beating.CancelAsync();
            await heartbeat;
            if (job.State != PackageState.Done)
            {
                File.Delete(partial);
            }
            (job.Done, job.Total) = progress.Value;
            job.FinishedAt = clock.GetUtcNow();
        }
        await FinishAsync(job);
    }

    /// <summary>Writes the outcome (even while stopping: the row must not stay running) and drops the unit's earlier builds.</summary>
    private async Task FinishAsync(PackageJob job)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        db.PackageJobs.Update(job);
        await db.SaveChangesAsync(CancellationToken.None);
        if (job.State != PackageState.Done)
        {
            return;
        }
        var earlier = await db.PackageJobs.Where(j => j.UnitCode == job.UnitCode && j.Id != job.Id && j.RequestedAt <= job.RequestedAt
            && (j.State == PackageState.Done || j.State == PackageState.Failed)).ToListAsync(CancellationToken.None);
        foreach (var old in earlier.Where(o => o.FileName is not null))
        {
            File.Delete(Path.Combine(options.Value.Folder, old.FileName!));
        }
        db.PackageJobs.RemoveRange(earlier);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Every second: the progress so far, and that this instance is still building (see <see cref="PackageJobs.StaleAfter"/>).</summary>
    private async Task HeartbeatAsync(Guid jobId, Progress progress, CancellationToken ct)
    {
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await ticker.WaitForNextTickAsync(ct))
            {
                var (done, total) = progress.Value;
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().PackageJobs
                    .Where(j => j.Id == jobId && j.State == PackageState.Running)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.Done, done).SetProperty(j => j.Total, total).SetProperty(j => j.HeartbeatAt, clock.GetUtcNow()), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // the build ended
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            log.LogWarning(ex, "打包进度写入失败");
        }
    }

    /// <summary>The builder's progress, read by the heartbeat.</summary>
    private sealed class Progress : IProgress<PackageProgress>
    {
        private int _done;
        private int _total;

        public (int Done, int Total) Value => (Volatile.Read(ref _done), Volatile.Read(ref _total));

        public void Report(PackageProgress value)
        {
            Volatile.Write(ref _total, value.Total);
            Volatile.Write(ref _done, value.Done);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{6}_([0-9a-f]{32})\\.zip(\\.partial)?$")]
    private static partial System.Text.RegularExpressions.Regex OwnFile();
}

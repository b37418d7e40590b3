using Microsoft.Extensions.Options;

namespace LeadRunner.Documents.Packages;

/// <summary>
/// Builds queued packages into a temp file under the packages folder, renamed to .zip only when complete, so a
/// download never sees half a ZIP. Keeps one finished package per unit: the previous file is deleted.
/// </summary>
public sealed partial class PackageWorker(PackageJobs jobs, IServiceScopeFactory scopes, IOptions<PackageOptions> options, TimeProvider clock,
    ILogger<PackageWorker> log) : BackgroundService
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Jobs live in memory, so after a restart no status points at earlier files (finished or cut short):
        // remove them rather than let them pile up; units simply build again.
        if (Directory.Exists(options.Value.Folder))
        {
            // Only files named as this worker names them: the folder may be shared by configuration.
            foreach (var stale in Directory.EnumerateFiles(options.Value.Folder, "*.zip*").Where(f => OwnFile().IsMatch(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }
        }
        await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    public async Task RunAsync(PackageJob job, CancellationToken cancellationToken)
    {
        var folder = options.Value.Folder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{job.Request.UnitCode}_{job.Id:N}.zip");
        var partial = path + ".partial";
        job.State = PackageState.Running;
        try
        {
            PackageSummary summary;
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await using var scope = scopes.CreateAsyncScope();
                var builder = scope.ServiceProvider.GetRequiredService<PackageBuilder>();
                summary = await builder.WriteAsync(job.Request, output, job, cancellationToken);
            }
            File.Move(partial, path, overwrite: true);
            job.Size = new FileInfo(path).Length;
            job.FilePath = path;
            job.DownloadName = $"{(summary.Year is { } y ? $"{y}年度_" : "")}{PackageWriter.SafeName(summary.UnitName, job.Request.UnitCode)}_领跑者企业推荐材料.zip";
            job.Problems = summary.Problems;
            job.State = PackageState.Done;
            if (_files.TryGetValue(job.Request.UnitCode, out var previous) && previous != path)
            {
                File.Delete(previous);
            }
            _files[job.Request.UnitCode] = path;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Error = "服务停止，打包已中断，请重新生成。";
            job.State = PackageState.Failed;
        }
        catch (Exception ex)
        {
            // A worker that dies would leave every later request queued forever: record the failure and go on.
            log.LogError(ex, "Package for unit {Unit} failed", job.Request.UnitCode);
            job.Error = ex is LeadRunner.Scripting.ScriptFailureException or KeyNotFoundException or Issued.VerificationAddressMissingException
                ? $"打包失败：{ex.Message}"
                : "打包失败：生成文件时发生错误，请稍后重试或联系系统管理员。";
            job.State = PackageState.Failed;
        }
        finally
        {
            if (job.State != PackageState.Done)
            {
                File.Delete(partial);
            }
            job.FinishedAt = clock.GetUtcNow();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{6}_[0-9a-f]{32}\\.zip(\\.partial)?$")]
    private static partial System.Text.RegularExpressions.Regex OwnFile();
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Uploads;

/// <summary>
/// Removes uploads nothing attached within the retention period, then blobs no record points to any more and
/// abandoned temp files. A blob is deleted only while the database write lock is held and no record uses it, so an
/// upload of the same content (which renames and inserts under the same lock) never loses its blob.
/// </summary>
public sealed class OrphanSweep(IServiceScopeFactory scopes, UploadStorage storage, IOptions<UploadOptions> options, TimeProvider clock, ILogger<OrphanSweep> logger)
{
    public sealed record Report(int RecordsRemoved, int BlobsDeleted, int TempFilesDeleted);

    public async Task<Report> SweepAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromHours(options.Value.OrphanRetentionHours);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();

        // Old blobs may have lost their record (a crash between rename and insert); walked outside the write lock,
        // and checked again under it, since an upload of the same content renames and inserts under that lock.
        var oldBlobs = storage.Blobs().Where(b => File.GetLastWriteTimeUtc(b.Path) < cutoff.UtcDateTime).Select(b => b.Sha256).ToList();
        var records = 0;
        var blobs = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var orphans = await db.StoredFiles.Where(f => f.AttachedAt == null && f.CreatedAt < cutoff)
                .Select(f => new { f.Id, f.Sha256 }).ToListAsync(ct);
            var ids = orphans.Select(o => o.Id).ToArray();
            records = await db.StoredFiles.Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(ct);

            var candidates = orphans.Select(o => o.Sha256).Concat(oldBlobs).Distinct().ToArray();
            var stillUsed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in candidates.Chunk(500))
            {
                stillUsed.UnionWith(await db.StoredFiles.Where(f => chunk.Contains(f.Sha256)).Select(f => f.Sha256).Distinct().ToListAsync(ct));
            }
            foreach (var sha in candidates.Where(s => !stillUsed.Contains(s)))
            {
                var path = storage.BlobPath(sha);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    blobs++;
                }
            }
            await transaction.CommitAsync(ct);
        }

        var temps = 0;
        foreach (var temp in Directory.EnumerateFiles(storage.TempFolder, "*.part"))
        {
            if (File.GetLastWriteTimeUtc(temp) < cutoff.UtcDateTime)
            {
                File.Delete(temp);
                temps++;
            }
        }
        if (records + blobs + temps > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("清理未使用的上传文件：记录 {Records} 条，内容 {Blobs} 个，临时文件 {Temps} 个", records, blobs, temps);
        }
        return new Report(records, blobs, temps);
    }
}

/// <summary>Runs the sweep every <c>Uploads:SweepIntervalMinutes</c>; off when <c>Uploads:SweepEnabled</c> is false (tests).</summary>
public sealed class OrphanSweepService(OrphanSweep sweep, IServiceScopeFactory scopes, IOptions<UploadOptions> options, TimeProvider clock,
    ILogger<OrphanSweepService> logger) : BackgroundService
{
    public const string Pass = "uploads-orphan-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.SweepIntervalMinutes));
        using var ticker = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
                // One instance sweeps per period; a little under the tick, so that a tick landing early still finds it due.
                if (await JobClaims.ClaimPassAsync(db, Pass, interval * 0.9, clock.GetUtcNow(), stoppingToken))
                {
                    await sweep.SweepAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "清理上传文件失败，将在下次运行时重试");
            }
        }
        while (await ticker.WaitForNextTickAsync(stoppingToken));
    }
}

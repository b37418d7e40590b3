using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Documents.Packages;

public enum PackageState
{
    Queued = 1,
    Running = 2,
    Done = 3,
    Failed = 4,
}

/// <summary>
/// One build of a unit's package, a row so that any instance can build it, any instance can report its progress, and
/// a restart loses no request. Progress is written by the building worker; its heartbeat says it is still alive.
/// </summary>
public sealed class PackageJob
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string UnitCode { get; init; }
    public int? Year { get; init; }
    public required string IssuerRole { get; init; }
    public string? IssuerUserName { get; init; }
    public string? IssuerDisplayName { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public PackageState State { get; set; } = PackageState.Queued;
    public int Done { get; set; }
    public int Total { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The finished ZIP's name in the packages folder (a name, not a path: instances may mount the folder elsewhere).</summary>
    public string? FileName { get; set; }
    public string? DownloadName { get; set; }
    public long Size { get; set; }
    public string? Error { get; set; }
    public List<string> Problems { get; set; } = [];

    public bool Active => State is PackageState.Queued or PackageState.Running;

    public PackageRequest Request => new(UnitCode, Year, new Issuer(IssuerRole, IssuerUserName, IssuerDisplayName));

    public static PackageJob For(PackageRequest request, DateTimeOffset now) => new()
    {
        UnitCode = request.UnitCode, Year = request.Year, RequestedAt = now,
        IssuerRole = request.Issuer.Role, IssuerUserName = request.Issuer.UserName, IssuerDisplayName = request.Issuer.DisplayName,
    };
}

internal sealed class PackageJobConfiguration : IEntityTypeConfiguration<PackageJob>
{
    public void Configure(EntityTypeBuilder<PackageJob> b)
    {
        b.ToTable("PackageJobs");
        b.Property(j => j.UnitCode).HasMaxLength(20);
        b.Property(j => j.IssuerRole).HasMaxLength(50);
        b.Property(j => j.IssuerUserName).HasMaxLength(256);
        b.Property(j => j.IssuerDisplayName).HasMaxLength(200);
        b.Property(j => j.FileName).HasMaxLength(100);
        b.Property(j => j.DownloadName).HasMaxLength(300);
        b.Property(j => j.Error).HasMaxLength(2000);
        // One active build per unit, whichever instance was asked: the second insert fails and gets the first's build.
        b.HasIndex(j => j.UnitCode).IsUnique().HasFilter("\"State\" IN (1, 2)");
        b.HasIndex(j => new { j.State, j.RequestedAt });
    }
}

public sealed class PackageOptions
{
    /// <summary>Where finished packages are kept (the latest per unit); by default a "packages" folder in the data folder.</summary>
    public string Folder { get; set; } = "";

    /// <summary>How often an idle worker looks for queued builds.</summary>
    public double PollSeconds { get; set; } = 1;
}

/// <summary>
/// The package builds: queued as rows, built one at a time per instance by <see cref="PackageWorker"/> (on a small
/// server two big ZIPs at once would only slow both). A unit asking again while its build is active gets that build.
/// </summary>
public sealed class PackageJobs(LeadRunnerDb db)
{
    /// <summary>A running build whose worker has not beaten for this long died with its instance: another may take it.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async Task<PackageJob> StartAsync(PackageRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (await ActiveAsync(request.UnitCode, ct) is { } current)
        {
            return current;
        }
        var job = PackageJob.For(request, now);
        db.PackageJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(ct);
            return job;
        }
        catch (DbUpdateException)
        {
            // Another request (on any instance) queued the unit's build first.
            db.ChangeTracker.Clear();
            return await ActiveAsync(request.UnitCode, ct) ?? throw new InvalidOperationException($"报送单位 {request.UnitCode} 的打包任务无法排队。");
        }
    }

    public Task<PackageJob?> LatestAsync(string unitCode, CancellationToken ct) =>
        db.PackageJobs.AsNoTracking().Where(j => j.UnitCode == unitCode).OrderByDescending(j => j.RequestedAt).FirstOrDefaultAsync(ct);

    private Task<PackageJob?> ActiveAsync(string unitCode, CancellationToken ct) =>
        db.PackageJobs.AsNoTracking().FirstOrDefaultAsync(j => j.UnitCode == unitCode && (j.State == PackageState.Queued || j.State == PackageState.Running), ct);

    /// <summary>Claims the oldest queued build (or one whose worker died) for this instance and marks it running.</summary>
    public async Task<PackageJob?> ClaimNextAsync(DateTimeOffset now, CancellationToken ct)
    {
        var stale = now - StaleAfter;
        await using var transaction = await JobClaims.BeginAsync(db, ct);
        var candidates = await db.PackageJobs
            .Where(j => j.State == PackageState.Queued || (j.State == PackageState.Running && j.HeartbeatAt < stale))
            .OrderBy(j => j.RequestedAt).Select(j => j.Id).Take(5).ToListAsync(ct);
        var claimed = await JobClaims.ClaimAsync<PackageJob, Guid>(db, candidates, ct);
        foreach (var id in candidates.Where(claimed.Contains))
        {
            var job = await db.PackageJobs.FirstAsync(j => j.Id == id, ct);
            if (job.State == PackageState.Queued || (job.State == PackageState.Running && job.HeartbeatAt < stale))
            {
                job.State = PackageState.Running;
                job.HeartbeatAt = now;
                job.Done = 0;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return job;
            }
        }
        return null;
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace LeadRunner.Documents.Packages;

public enum PackageState
{
    Queued = 1,
    Running = 2,
    Done = 3,
    Failed = 4,
}

/// <summary>One build of a unit's package; progress is written by the worker and read by the status endpoint.</summary>
public sealed class PackageJob(PackageRequest request, DateTimeOffset requestedAt) : IProgress<PackageProgress>
{
    private int _done;
    private int _total;

    public Guid Id { get; } = Guid.NewGuid();
    public PackageRequest Request { get; } = request;
    public DateTimeOffset RequestedAt { get; } = requestedAt;
    public PackageState State { get; set; } = PackageState.Queued;
    public int Done => Volatile.Read(ref _done);
    public int Total => Volatile.Read(ref _total);
    public DateTimeOffset? FinishedAt { get; set; }
    public string? FilePath { get; set; }
    public string? DownloadName { get; set; }
    public long Size { get; set; }
    public string? Error { get; set; }
    public IReadOnlyList<string> Problems { get; set; } = [];

    public bool Active => State is PackageState.Queued or PackageState.Running;

    public void Report(PackageProgress value)
    {
        Volatile.Write(ref _total, value.Total);
        Volatile.Write(ref _done, value.Done);
    }
}

public sealed class PackageOptions
{
    /// <summary>Where finished packages are kept (the latest per unit); by default a "packages" folder beside the database.</summary>
    public string Folder { get; set; } = "";
}

/// <summary>
/// The queue of package builds and the latest build per unit. Builds run one at a time in <see cref="PackageWorker"/>:
/// on a small server two big ZIPs at once would only slow both. A unit asking again while its build runs gets that build.
/// </summary>
public sealed class PackageJobs
{
    private readonly Channel<PackageJob> _queue = Channel.CreateUnbounded<PackageJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, PackageJob> _latest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public PackageJob Start(PackageRequest request, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_latest.TryGetValue(request.UnitCode, out var current) && current.Active)
            {
                return current;
            }
            var job = new PackageJob(request, now);
            _latest[request.UnitCode] = job;
            _queue.Writer.TryWrite(job);
            return job;
        }
    }

    public PackageJob? Latest(string unitCode) => _latest.GetValueOrDefault(unitCode);

    internal ChannelReader<PackageJob> Queue => _queue.Reader;
}

using System.Collections.Concurrent;
using LeadRunner.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Cms;

/// <summary>How many times a cache tag was evicted, on any instance: an instance that sees the count move evicts its own copy.</summary>
public sealed class CacheGeneration
{
    public required string Tag { get; init; }
    public long Generation { get; set; }
}

internal sealed class CacheGenerationConfiguration : IEntityTypeConfiguration<CacheGeneration>
{
    public void Configure(EntityTypeBuilder<CacheGeneration> b)
    {
        b.ToTable("CacheGenerations");
        b.HasKey(g => g.Tag);
        b.Property(g => g.Tag).HasMaxLength(100);
    }
}

/// <summary>
/// Carries output-cache evictions to every instance sharing the database. An eviction is announced here and written at
/// the next sync as a bumped <see cref="CacheGeneration"/> (a counter, not a log: a counter cannot be read out of order);
/// each sync also reads the counters and evicts locally every tag whose counter moved since the last. The writes wait
/// for the sync loop, so they never queue behind the transaction that announced them.
/// </summary>
public sealed class CacheEvictions(IServiceScopeFactory scopes, IOutputCacheStore store) : IDisposable
{
    private readonly ConcurrentDictionary<string, byte> _announced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public void Announce(string tag) => _announced.TryAdd(tag, 0);

    /// <summary>Publishes this instance's evictions, then applies everyone's; returns how many tags were evicted here.</summary>
    public async Task<int> SyncAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var own = new List<string>();
            foreach (var tag in _announced.Keys)
            {
                _announced.TryRemove(tag, out _);
                // The same statement on SQLite and PostgreSQL; concurrent bumps of one tag take turns on its row.
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"CacheGenerations\" (\"Tag\", \"Generation\") VALUES ({0}, 1) " +
                    "ON CONFLICT (\"Tag\") DO UPDATE SET \"Generation\" = \"CacheGenerations\".\"Generation\" + 1", [tag], ct);
                own.Add(tag);
            }
            var generations = await db.Set<CacheGeneration>().AsNoTracking().ToListAsync(ct);
            var evicted = 0;
            foreach (var g in generations)
            {
                var moved = !_seen.TryGetValue(g.Tag, out var seen) || seen != g.Generation;
                _seen[g.Tag] = g.Generation;
                // Our own bump was evicted locally when announced; another instance's change since then is not.
                if (moved && (!own.Contains(g.Tag) || g.Generation != seen + 1))
                {
                    await store.EvictByTagAsync(g.Tag, ct);
                    evicted++;
                }
            }
            return evicted;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Syncs evictions every <c>Cms:CacheSyncSeconds</c> (1 by default).</summary>
public sealed class CacheEvictionService(CacheEvictions evictions, IConfiguration configuration, ILogger<CacheEvictionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.2, configuration.GetValue("Cms:CacheSyncSeconds", 1.0))));
        while (await ticker.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await evictions.SyncAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "同步页面缓存失效失败，将在下次同步时重试");
            }
        }
    }
}

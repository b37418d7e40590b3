using Microsoft.AspNetCore.OutputCaching;

namespace LeadRunner.Cms;

/// <summary>The cached anonymous pages of the public site, all under one tag: any change to published content drops them.</summary>
public sealed class PublicSiteCache(IOutputCacheStore store, CacheEvictions evictions)
{
    public const string Tag = "public-site";

    /// <summary>
    /// The output-cache policy of the public pages: anonymous GETs only (the default policy skips signed-in requests and
    /// responses that set cookies), one entry per page and query, under <see cref="Tag"/>.
    /// </summary>
    public const string Policy = "public-site";

    /// <summary>
    /// Drops every cached public page. The in-memory store evicts synchronously, so the next request here already sees
    /// the change; the other instances drop theirs at their next sync (<see cref="CacheEvictions"/>).
    /// </summary>
    public void Evict()
    {
        _ = store.EvictByTagAsync(Tag, CancellationToken.None).AsTask();
        evictions.Announce(Tag);
    }
}

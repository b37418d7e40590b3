using Microsoft.AspNetCore.OutputCaching;

namespace LeadRunner.Cms;

/// <summary>The cached anonymous pages of the public site, all under one tag: any change to published content drops them.</summary>
public sealed class PublicSiteCache(IOutputCacheStore store)
{
    public const string Tag = "public-site";

    /// <summary>
    /// The output-cache policy of the public pages: anonymous GETs only (the default policy skips signed-in requests and
    /// responses that set cookies), one entry per page and query, under <see cref="Tag"/>.
    /// </summary>
    public const string Policy = "public-site";

    /// <summary>
    /// Drops every cached public page. The in-memory store evicts synchronously, so the next request already sees the
    /// change; publishing need not wait on it.
    /// </summary>
    public void Evict() => _ = store.EvictByTagAsync(Tag, CancellationToken.None).AsTask();
}

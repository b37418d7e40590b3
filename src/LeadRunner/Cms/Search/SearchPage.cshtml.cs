using LeadRunner.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace LeadRunner.Cms.Search;

[OutputCache(PolicyName = PublicSiteCache.Policy)]
public sealed class SearchPageModel(SiteSearch search) : PageModel
{
    public string Query { get; private set; } = "";
    public string? Error { get; private set; }
    public SiteSearch.Results? Found { get; private set; }
    public Pager? Pager => Found is { } found ? new Pager(found.Total, found.Page, SiteSearch.PageSize, $"/search?q={Uri.EscapeDataString(Query)}&") : null;

    // "page" is also Razor Pages' own route value (the page's path), so the number is read from the query by name.
    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] int? number, CancellationToken ct)
    {
        Query = (q ?? "").Trim();
        if (TextLimits.TooLong("q", "搜索词", Query, SiteSearch.MaxQueryLength) is { } tooLong)
        {
            Error = tooLong;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (Query.Length > 0)
        {
            Found = await search.SearchAsync(Query, number ?? 1, ct);
        }
    }
}

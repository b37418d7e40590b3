using LeadRunner.Cms;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Holders.Changes;

/// <summary>/title-changes: the public change log of “领跑者” titles, 20 to a page. Not output-cached: a revocation shows at once.</summary>
[AllowAnonymous]
public sealed class TitleChangesModel(LeadRunnerDb db) : PageModel
{
    public TitleChangeLog.EntryPage Entries { get; private set; } = new(0, 1, TitleChangeLog.PageSize, []);
    public Pager Pager => new(Entries.Total, Entries.Page, Entries.PageSize, TitleChangeLog.Url + "?");

    // "page" is also Razor Pages' own route value, so the number is read from the query by name (as the section lists do).
    public async Task OnGetAsync([FromQuery(Name = "page")] int? number, CancellationToken ct) =>
        Entries = await TitleChangeLog.PageAsync(db, number ?? 1, ct);
}

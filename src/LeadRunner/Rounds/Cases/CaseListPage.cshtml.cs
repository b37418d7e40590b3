using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Rounds.Cases;

/// <summary>案件列表: the round's cases in the officer's region, filtered and sorted by the same query as the API and the export.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CaseListPageModel(LeadRunnerDb db, RoundDirectory rounds, DefinitionCache definitions, RoundCaseList cases, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Step { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? County { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Eligible { get; set; }
    [BindProperty(SupportsGet = true)] public string? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? PageSize { get; set; }

    public int Year { get; private set; }
    public CaseChoices Choices { get; private set; } = null!;
    public CaseFilter Filter { get; private set; } = null!;
    public RoundCaseList.Result Result { get; private set; } = new(0, []);
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool IsCity => User.IsInRole(Roles.City);
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public int PageCount => Math.Max(1, (Result.Total + Filter.PageSize - 1) / Filter.PageSize);

    // "page" is read from the query string itself: as a bound name Razor Pages would give it the page's own route value.
    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        Year = year;
        if (await CaseChoices.LoadAsync(year, db, rounds, definitions, User, ct) is not { } choices)
        {
            return NotFound();
        }
        Choices = choices;
        var (filter, errors) = CaseFilter.Parse(new CaseFilter.Raw(Step, Unit, County, Status, Eligible, Overdue, Q, Sort, Request.Query["page"], PageSize), choices);
        if (filter is null)
        {
            // The list stays usable: the wrong values are named and the unfiltered first page is shown.
            Errors = [.. errors.SelectMany(e => e.Value)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            (filter, _) = CaseFilter.Parse(new CaseFilter.Raw(null, null, null, null, null, null, null, null, null, null), choices);
        }
        Filter = filter!;
        Result = await cases.ListAsync(choices, Filter, allPages: false, ct);
        return Page();
    }

    /// <summary>The sort a column header links to: ascending first, the reverse when it is already the order.</summary>
    public string? SortLink(CaseSort column)
    {
        var key = CaseFilter.SortKeys.First(k => k.Value == column).Key;
        return Filter.Sort == column && !Filter.Descending ? "-" + key : key;
    }

    /// <summary>A link to this list or its export with the current filter, changed as given.</summary>
    public string Link(string path, int? page = null, string? sort = null) =>
        path + QueryString.Create(Filter.ToRouteValues(page, sort).Where(v => v.Value is not null));

    public string SortMark(CaseSort column) => Filter.Sort != column ? "" : Filter.Descending ? " ▼" : " ▲";

    public string? AriaSort(CaseSort column) => Filter.Sort != column ? null : Filter.Descending ? "descending" : "ascending";
}

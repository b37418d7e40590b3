using System.Globalization;
using LeadRunner.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Rounds.Cases;

/// <summary>推荐排序: the city's waiting cases side by side with their key figures, reordered by drag or buttons, then reported as one batch.</summary>
[Authorize(Roles = Roles.City)]
public sealed class RankingPageModel(CityRanking ranking) : PageModel
{
    public int Year { get; private set; }
    public CityRanking.Batch Batch { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        Year = year;
        if (await ranking.LoadAsync(year, ct) is not { } batch)
        {
            return NotFound();
        }
        Batch = batch;
        return Page();
    }

    public static string Amount(decimal? value) => value?.ToString("#,0.00", CultureInfo.InvariantCulture) ?? "—";

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";
}

using LeadRunner.Data;
using LeadRunner.Programmes;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>The lists of a year's round, and which round is current when no case names one.</summary>
public sealed class RoundLists(LeadRunnerDb db, ProgrammeSettings programmes)
{
    /// <summary>The year's lists, or null when the year has no settings.</summary>
    public RoundListSet? ForYear(int year) => programmes.ForYear(year) is { } settings ? RoundListSet.From(year, settings) : null;

    /// <summary>
    /// The round new choices are made in (registering an enterprise, a form filled outside a case): the newest open
    /// round, or while none is open the newest year with settings. Null when there are no settings at all.
    /// </summary>
    public async Task<int?> CurrentYearAsync(CancellationToken ct = default)
    {
        var years = programmes.Years;
        if (years.Count == 0)
        {
            return null;
        }
        var open = await db.Rounds.AsNoTracking().Where(r => r.Status == RoundStatus.Open).Select(r => r.Year).ToListAsync(ct);
        var current = open.Where(years.Contains).DefaultIfEmpty(years.Max()).Max();
        return current;
    }

    public async Task<RoundListSet?> CurrentAsync(CancellationToken ct = default) =>
        await CurrentYearAsync(ct) is { } year ? ForYear(year) : null;
}

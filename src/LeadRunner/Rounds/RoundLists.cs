using LeadRunner.Programmes;

namespace LeadRunner.Rounds;

/// <summary>The lists of a year's round, and which round is current when no case names one.</summary>
public sealed class RoundLists(RoundDirectory rounds, ProgrammeSettings programmes)
{
    /// <summary>The year's lists, or null when the year has no settings.</summary>
    public RoundListSet? ForYear(int year) => programmes.ForYear(year) is { } settings ? RoundListSet.From(year, settings) : null;

    /// <summary>
    /// The round new choices are made in (registering an enterprise, a form filled outside a case): the newest open
    /// round, or while none is open the newest year with settings. Null when there are no settings at all.
    /// </summary>
    public int? CurrentYear()
    {
        var years = programmes.Years;
        return years.Count == 0 ? null
            : rounds.All.Where(r => r.Status == RoundStatus.Open).Select(r => r.Year).Where(years.Contains).DefaultIfEmpty(years.Max()).Max();
    }

    public RoundListSet? Current() => CurrentYear() is { } year ? ForYear(year) : null;
}

using LeadRunner.Rounds;

namespace LeadRunner.Holders;

/// <summary>
/// The round a holder's case runs in (its pinned workflows, forms, templates and support settings): the newest open
/// round. Cases after recognition belong to the year they arise in, not to the year the title was won.
/// </summary>
public sealed class HolderYear(RoundDirectory rounds)
{
    public const string NoOpenRound = "当前没有开放的年度批次，暂不能办理。";

    public int? Current() => rounds.All.Where(r => r.Status == RoundStatus.Open).MaxBy(r => r.Year)?.Year;
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// The rounds, held in memory (one small row a year) and reloaded after a round changes. Answers the one question
/// every feature asks: which version of an artifact does a year run on? A frozen round answers from its pins; a draft
/// round (or a year without a round) follows the newest published version, which the caller supplies.
/// </summary>
public sealed class RoundDirectory(IServiceScopeFactory scopes)
{
    public sealed record Entry(int Year, string Title, RoundStatus Status, DateOnly? NoticeDate, RoundPins? Pins)
    {
        public bool IsPublic => Status != RoundStatus.Draft;
        public bool AcceptsNewCases => Status == RoundStatus.Open;
    }

    private IReadOnlyDictionary<int, Entry>? _rounds;

    public IEnumerable<Entry> All => Load().Values;

    public Entry? Find(int? year) => year is { } y && Load().TryGetValue(y, out var entry) ? entry : null;

    /// <summary>The pins a year is frozen on, or null while it follows the newest versions.</summary>
    public RoundPins? FrozenPins(int? year) => Find(year)?.Pins;

    /// <summary>The workflow version a year's round pins, or null when it follows the newest published one.</summary>
    public int? WorkflowVersion(int? year, string id) => Pinned(year, p => p.Workflows, id);

    /// <summary>The form version a year's round pins, or null when it follows the newest published one.</summary>
    public int? FormVersion(int? year, string key) => Pinned(year, p => p.Forms, key);

    /// <summary>The template version a year's round pins, or null when it follows the live one.</summary>
    public int? TemplateVersion(int? year, string key) => Pinned(year, p => p.Templates, key);

    private int? Pinned(int? year, Func<RoundPins, Dictionary<string, int>> kind, string key) =>
        FrozenPins(year) is { } pins && kind(pins).TryGetValue(key, out var version) ? version : null;

    /// <summary>The round the public sees when no year is named: the newest open round, else the newest public one.</summary>
    public Entry? DefaultPublic() =>
        Load().Values.Where(r => r.Status == RoundStatus.Open).MaxBy(r => r.Year)
        ?? Load().Values.Where(r => r.IsPublic).MaxBy(r => r.Year);

    /// <summary>The year a public request means: the named year when the public may see it, the default one when none is named.</summary>
    public Entry? PublicYear(int? year) => year is null ? DefaultPublic() : Find(year) is { IsPublic: true } entry ? entry : null;

    /// <summary>The one rule for drafts: a year whose round is still in preparation is seen by administrators only.</summary>
    public bool HiddenFrom(int? year, System.Security.Claims.ClaimsPrincipal user) =>
        Find(year) is { IsPublic: false } && !user.IsInRole(Accounts.Roles.SysAdmin);

    public void Invalidate() => Volatile.Write(ref _rounds, null);

    private IReadOnlyDictionary<int, Entry> Load()
    {
        var rounds = Volatile.Read(ref _rounds);
        if (rounds is null)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            rounds = db.Rounds.AsNoTracking().ToList().ToDictionary(r => r.Year, r =>
                new Entry(r.Year, r.Title, r.Status, r.NoticeDate, r.PinsJson is null ? null : RoundPins.FromJson(r.PinsJson)));
            Volatile.Write(ref _rounds, rounds);
        }
        return rounds;
    }
}

using System.Globalization;
using LeadRunner.Data;
using LeadRunner.Rounds;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// A special-condition category that no rule checks gets a rule of its own when it is added to a year: "at least one
/// listed item claimed, with evidence". It is a real, versioned rule, so the rules page shows it and an administrator
/// refines it there; a category is never left without a rule, and the evaluator has no fallback of its own.
/// </summary>
public sealed class CategoryRules(LeadRunnerDb db)
{
    public const string IdPrefix = "special-category-";

    private static readonly string Expression = string.Join('\n',
        "matched = []",
        "unproven = []",
        "for claim in app.specialConditions",
        "  if claim.category == category.key",
        "    for item in claim.items",
        "      if array.contains category.items item",
        "        if claim.evidence.size > 0",
        "          matched = matched | array.add item",
        "        else",
        "          unproven = unproven | array.add item",
        "        end",
        "      end",
        "    end",
        "  end",
        "end",
        "matched.size > 0");

    private const string Explanation =
        "{{ if passed }}申报“{{ category.title }}”：{{ matched | array.join '、' }}，已附证明材料"
        + "{{ else if unproven.size > 0 }}申报“{{ category.title }}”：{{ unproven | array.join '、' }}，但未附证明材料"
        + "{{ else }}未申报“{{ category.title }}”类所列事项{{ end }}，{{ verdict }}";

    /// <summary>The generated rule for a category.</summary>
    public static RuleDefinition Generate(string id, SpecialCategory category, int sortOrder)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new(id, $"{category.Title}：至少具备一项本年度所列事项，并附证明材料", RuleGroups.Special, category.Key, false, sortOrder, Expression, Explanation);
    }

    /// <summary>
    /// Publishes a rule for each of the year's categories that no rule (enabled or not) checks, inside the caller's
    /// transaction (the year's settings being saved). Returns the titles of the rules added.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddMissingAsync(ArtifactStore store, RoundListSet lists, string user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lists);
        var rules = await db.EligibilityRules.AsNoTracking().Select(r => new { r.Id, r.Group, r.Category, r.SortOrder }).ToListAsync(ct);
        var covered = rules.Select(r => r.Category).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = lists.SpecialCategories.Where(c => !covered.Contains(c.Key)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }
        var number = rules.Select(r => r.Id.StartsWith(IdPrefix, StringComparison.Ordinal)
            && int.TryParse(r.Id.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        var sortOrder = rules.Where(r => r.Group == RuleGroups.Special).Select(r => r.SortOrder).DefaultIfEmpty(20).Max();
        var kind = (RuleKind)store.Kind(RuleKind.Kind);
        var added = new List<string>();
        foreach (var category in missing)
        {
            var rule = Generate($"{IdPrefix}{++number}", category, ++sortOrder);
            var note = $"{lists.Year} 年度新增专项条件“{category.Key}”，尚无认定条件，系统按“至少具备一项所列事项，并附证明材料”生成";
            var outcome = await kind.WithCategoriesAsync(lists.SpecialCategories.Select(c => c.Key),
                () => store.PublishAsync(RuleKind.Kind, rule.Id, rule.ToJson(), user, note, ct: ct));
            if (outcome is not VersionOutcome.Saved)
            {
                throw new InvalidOperationException($"The generated rule {rule.Id} was refused: {outcome}.");
            }
            added.Add(rule.Title);
        }
        return added;
    }

    /// <summary>Covers the categories of every stored year (a database from before generated rules).</summary>
    public async Task CoverAllYearsAsync(ArtifactStore store, CancellationToken ct = default)
    {
        foreach (var programme in await db.Programmes.AsNoTracking().OrderBy(p => p.Year).ToListAsync(ct))
        {
            await AddMissingAsync(store, RoundListSet.From(programme.Year, ProgrammeUpgrade.Read(programme.SettingsJson)), EligibilityRuleSeed.SystemUser, ct);
        }
    }
}

using System.Globalization;
using LeadRunner.Admin;
using LeadRunner.Data;
using LeadRunner.Rounds;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// A special-condition category that no rule checks gets a rule of its own when it is added to a year: "at least one
/// listed item claimed, with evidence". It is a real, versioned rule, so the rules page shows it and an administrator
/// refines it there; a category is never left without a rule, and the evaluator has no fallback of its own.
/// </summary>
public sealed class CategoryRules(LeadRunnerDb db, EligibilityRuleSet ruleSet, AuditLog audit, TimeProvider clock)
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
    /// Adds, unsaved, a rule for each of the year's categories that no rule (enabled or not) checks, with its first
    /// version and an audit entry; the caller saves them with the settings. Returns the titles of the rules added.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddMissingAsync(RoundListSet lists, string user, CancellationToken ct = default)
    {
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
        var now = clock.GetUtcNow();
        var added = new List<string>();
        foreach (var category in missing)
        {
            var rule = Generate($"{IdPrefix}{++number}", category, ++sortOrder);
            var note = $"{lists.Year} 年度新增专项条件“{category.Key}”，尚无认定条件，系统按“至少具备一项所列事项，并附证明材料”生成";
            db.EligibilityRules.Add(new EligibilityRule
            {
                Id = rule.Id, Title = rule.Title, Group = rule.Group, Category = rule.Category, Expression = rule.Expression,
                Explanation = rule.Explanation, Judgement = rule.Judgement, SortOrder = rule.SortOrder, Version = 1, UpdatedAt = now, UpdatedBy = user,
            });
            db.EligibilityRuleVersions.Add(new EligibilityRuleVersion { RuleId = rule.Id, Version = 1, Json = rule.ToJson(), At = now, By = user, Note = note });
            audit.Record("新增认定条件", $"{rule.Title}（{rule.Id}，第 1 版）", after: rule.ToJson(), reason: note);
            added.Add(rule.Title);
        }
        return added;
    }

    /// <summary>After the caller saved what <see cref="AddMissingAsync"/> added: checks read the new rules from now on.</summary>
    public void Saved() => ruleSet.Invalidate();

    /// <summary>Covers the categories of every stored year (a database from before generated rules).</summary>
    public async Task CoverAllYearsAsync(CancellationToken ct = default)
    {
        foreach (var programme in await db.Programmes.AsNoTracking().OrderBy(p => p.Year).ToListAsync(ct))
        {
            await AddMissingAsync(RoundListSet.From(programme.Year, ProgrammeUpgrade.Read(programme.SettingsJson)), EligibilityRuleSeed.SystemUser, ct);
            await db.SaveChangesAsync(ct); // each year sees the rules the previous one added
        }
        ruleSet.Invalidate();
    }
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// Loads workflows/rules/eligibility.json at start for the rules the database lacks. A rule still as first imported
/// (version 1 by the system) follows a newer file, so a shipped fix reaches it; a rule an administrator has saved is
/// left alone, so running it again never overwrites an edit.
/// </summary>
public static class EligibilityRuleSeed
{
    public const string SystemUser = "系统";

    public static string FilePath(string contentRoot) => Path.Combine(contentRoot, "workflows", "rules", "eligibility.json");

    public static async Task SeedAsync(LeadRunnerDb db, string file, TimeProvider clock, CancellationToken ct = default)
    {
        if (!File.Exists(file))
        {
            return;
        }
        var stored = await db.EligibilityRules.ToDictionaryAsync(r => r.Id, ct);
        var now = clock.GetUtcNow();
        var shipped = RuleDefinition.ReadFile(file);
        foreach (var rule in shipped.Where(r => stored.GetValueOrDefault(r.Id) is { Version: 1, UpdatedBy: SystemUser } untouched && RuleDefinition.Of(untouched) != r))
        {
            var current = stored[rule.Id];
            (current.Title, current.Group, current.Category, current.Judgement, current.SortOrder, current.Expression, current.Explanation, current.Enabled) =
                (rule.Title, rule.Group, rule.Category, rule.Judgement, rule.SortOrder, rule.Expression, rule.Explanation, rule.Enabled);
            (current.Version, current.UpdatedAt) = (2, now);
            db.EligibilityRuleVersions.Add(new EligibilityRuleVersion
            {
                RuleId = rule.Id, Version = 2, Json = rule.ToJson(), At = now, By = SystemUser, Note = $"随系统更新 {Path.GetFileName(file)}",
            });
        }
        foreach (var rule in shipped.Where(r => !stored.ContainsKey(r.Id)))
        {
            db.EligibilityRules.Add(new EligibilityRule
            {
                Id = rule.Id,
                Title = rule.Title,
                Group = rule.Group,
                Category = rule.Category,
                Expression = rule.Expression,
                Explanation = rule.Explanation,
                Judgement = rule.Judgement,
                Enabled = rule.Enabled,
                SortOrder = rule.SortOrder,
                Version = 1,
                UpdatedAt = now,
                UpdatedBy = SystemUser,
            });
            db.EligibilityRuleVersions.Add(new EligibilityRuleVersion
            {
                RuleId = rule.Id, Version = 1, Json = rule.ToJson(), At = now, By = SystemUser, Note = $"从 {Path.GetFileName(file)} 导入",
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// Loads workflows/rules/eligibility.json at start for the rules the database lacks. Rules already present are
/// left alone, so running it again changes nothing and never overwrites an administrator's edit.
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
        var existing = await db.EligibilityRules.Select(r => r.Id).ToHashSetAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var rule in RuleDefinition.ReadFile(file).Where(r => existing.Add(r.Id)))
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

using LeadRunner.Data;
using LeadRunner.Versioning;
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

    public static async Task SeedAsync(LeadRunnerDb db, ArtifactStore store, string file, CancellationToken ct = default)
    {
        if (!File.Exists(file))
        {
            return;
        }
        var stored = await db.EligibilityRules.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        foreach (var rule in RuleDefinition.ReadFile(file))
        {
            var note = stored.GetValueOrDefault(rule.Id) switch
            {
                null => $"从 {Path.GetFileName(file)} 导入",
                { Version: 1, UpdatedBy: SystemUser } untouched when RuleDefinition.Of(untouched) != rule => $"随系统更新 {Path.GetFileName(file)}",
                _ => null,
            };
            if (note is not null && await store.PublishAsync(RuleKind.Kind, rule.Id, rule.ToJson(), SystemUser, note, ct: ct) is not VersionOutcome.Saved)
            {
                throw new InvalidOperationException($"The shipped rule {rule.Id} is invalid.");
            }
        }
    }
}

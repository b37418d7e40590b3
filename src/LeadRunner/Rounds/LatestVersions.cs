using LeadRunner.Data;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>The newest published version of every workflow, form, template and of the rule set: what a draft round follows.</summary>
public static class LatestVersions
{
    public static async Task<RoundPins> ReadAsync(LeadRunnerDb db, CancellationToken ct = default)
    {
        // One query: the newest published number of every artifact, and the newest rule version's id (the rule set's version).
        var newest = await db.ArtifactVersions.AsNoTracking().Where(v => v.State == VersionState.Published)
            .GroupBy(v => new { v.Kind, v.Key }).Select(g => new { g.Key.Kind, g.Key.Key, Version = g.Max(v => v.Version)!.Value, Id = g.Max(v => v.Id) }).ToListAsync(ct);
        Dictionary<string, int> Of(string kind) => newest.Where(v => v.Kind == kind).ToDictionary(v => v.Key, v => v.Version, StringComparer.Ordinal);
        return new RoundPins
        {
            Workflows = Of(WorkflowKind.Kind),
            Forms = Of(Forms.FormKind.Kind),
            Templates = Of(Documents.TemplateKind.Kind),
            // The same as RuleKind.SetVersions' newest, read in the one grouped query.
            RulesVersion = newest.Where(v => v.Kind == Programmes.Eligibility.RuleKind.Kind).Select(v => (int?)v.Id).Max(),
        };
    }
}

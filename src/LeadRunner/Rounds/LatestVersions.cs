using LeadRunner.Data;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>The newest published version of every workflow, form, template and of the rule set: what a draft round follows.</summary>
public static class LatestVersions
{
    public static async Task<RoundPins> ReadAsync(LeadRunnerDb db, CancellationToken ct = default)
    {
        var workflows = await db.WorkflowVersions.AsNoTracking().Where(v => v.State == VersionState.Published)
            .GroupBy(v => v.DefinitionId).Select(g => new { g.Key, Version = g.Max(v => v.Version)!.Value }).ToListAsync(ct);
        var forms = await db.FormVersions.AsNoTracking().Where(v => v.Version != null)
            .GroupBy(v => v.FormKey).Select(g => new { g.Key, Version = g.Max(v => v.Version)!.Value }).ToListAsync(ct);
        var templates = await db.DocumentTemplates.AsNoTracking().Select(t => new { t.Key, t.Version }).ToListAsync(ct);
        var rules = await db.EligibilityRuleVersions.AsNoTracking().MaxAsync(v => (long?)v.Id, ct);
        return new RoundPins
        {
            Workflows = workflows.ToDictionary(w => w.Key, w => w.Version, StringComparer.Ordinal),
            Forms = forms.ToDictionary(f => f.Key, f => f.Version, StringComparer.Ordinal),
            Templates = templates.ToDictionary(t => t.Key, t => t.Version, StringComparer.Ordinal),
            RulesVersion = rules is { } r ? checked((int)r) : null,
        };
    }
}

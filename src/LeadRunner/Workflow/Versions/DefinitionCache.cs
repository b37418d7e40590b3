using System.Collections.Concurrent;
using LeadRunner.Data;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Versions;

/// <summary>Parsed published versions, which never change once published, kept in memory by (id, version).</summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> _versions = new();

    public async Task<WorkflowDefinition?> GetAsync(LeadRunnerDb db, string id, int version)
    {
        if (_versions.TryGetValue((id, version), out var cached))
        {
            return cached;
        }
        var json = await db.ArtifactVersions.AsNoTracking().Of(WorkflowKind.Kind, id)
            .Where(v => v.Version == version && v.State != VersionState.Draft)
            .Select(v => v.Content).FirstOrDefaultAsync();
        return json is null ? null : _versions.GetOrAdd((id, version), DefinitionJson.Read(json));
    }

    /// <summary>The version new instances start on: the newest published one that is not retracted.</summary>
    public static async Task<int?> CurrentVersionAsync(LeadRunnerDb db, string id) =>
        await db.ArtifactVersions.Of(WorkflowKind.Kind, id).NewestPublished().Select(v => v.Version).FirstOrDefaultAsync();
}

using System.Collections.Concurrent;
using LeadRunner.Data;
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
        var json = await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.DefinitionId == id && v.Version == version && v.State != VersionState.Draft)
            .Select(v => v.Json).FirstOrDefaultAsync();
        return json is null ? null : _versions.GetOrAdd((id, version), DefinitionJson.Read(json));
    }

    /// <summary>The version new instances start on: the newest published one that is not retracted.</summary>
    public static async Task<int?> CurrentVersionAsync(LeadRunnerDb db, string id) =>
        await db.WorkflowVersions.Where(v => v.DefinitionId == id && v.State == VersionState.Published)
            .MaxAsync(v => v.Version);
}

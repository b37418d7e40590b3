using System.Collections.Concurrent;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>
/// Parsed published versions, kept for the app's lifetime: a published version's JSON never changes, so each is
/// parsed once and every submission after that only walks the prepared tree.
/// </summary>
public sealed class FormDefinitions
{
    private readonly ConcurrentDictionary<(string Key, int Version), FormDefinition> _parsed = new();

    public sealed record Current(int Version, string Json, FormDefinition Definition);

    /// <summary>The newest published version of a form, or null when the form has none.</summary>
    public async Task<Current?> CurrentAsync(LeadRunnerDb db, string key, CancellationToken cancellationToken)
    {
        var row = await db.FormVersions.AsNoTracking()
            .Where(v => v.FormKey == key && v.Version != null)
            .OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.Json })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var version = row.Version!.Value;
        var definition = _parsed.GetOrAdd((key, version), _ => FormSchemaReader.Read(row.Json).Definition
            ?? throw new InvalidOperationException($"Published form {key} v{version} no longer parses."));
        return new Current(version, row.Json, definition);
    }
}

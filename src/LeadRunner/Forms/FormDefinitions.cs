using System.Collections.Concurrent;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>
/// Parsed published versions, kept for the app's lifetime: a published version's JSON never changes, so each is
/// parsed once and every submission after that only walks the prepared tree.
/// </summary>
public sealed class FormDefinitions(Rounds.RoundDirectory rounds)
{
    private readonly ConcurrentDictionary<(string Key, int Version), FormDefinition> _parsed = new();

    public Rounds.RoundDirectory Rounds => rounds;

    public sealed record Current(int Version, string Json, FormDefinition Definition);

    /// <summary>
    /// The version a round runs: the one <paramref name="year"/>'s round pins (the newest open round's when no year is
    /// named), or the newest published one while that round follows the newest or the form is not pinned.
    /// </summary>
    public Task<Current?> ForRoundAsync(LeadRunnerDb db, string key, int? year, CancellationToken cancellationToken) =>
        rounds.FormVersion(year ?? rounds.DefaultPublic()?.Year, key) is { } pinned
            ? VersionAsync(db, key, pinned, cancellationToken)
            : CurrentAsync(db, key, cancellationToken);

    /// <summary>The newest published version of a form, or null when the form has none.</summary>
    public Task<Current?> CurrentAsync(LeadRunnerDb db, string key, CancellationToken cancellationToken) =>
        ReadAsync(db.ArtifactVersions.AsNoTracking().Of(FormKind.Kind, key).NewestPublished(), key, cancellationToken);

    public Task<Current?> VersionAsync(LeadRunnerDb db, string key, int version, CancellationToken cancellationToken) =>
        ReadAsync(db.ArtifactVersions.AsNoTracking().Of(FormKind.Kind, key).Where(v => v.Version == version), key, cancellationToken);

    private async Task<Current?> ReadAsync(IQueryable<ArtifactVersion> versions, string key, CancellationToken cancellationToken)
    {
        var row = await versions.Select(v => new { v.Version, Json = v.Content }).FirstOrDefaultAsync(cancellationToken);
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

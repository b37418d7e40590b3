using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents;

/// <summary>
/// The live templates, held in memory (a dozen small texts) and reloaded after an administrator saves; the parsed
/// form of each text is cached by the sandbox.
/// </summary>
public sealed class TemplateLibrary
{
    public sealed record Live(string Key, string Title, int? Annex, IReadOnlyList<string> Binds, bool HasBlank, int Version, string Text);

    private readonly Func<IReadOnlyList<Live>> _load;
    private readonly Func<string, int, string?>? _loadVersion;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, int Version), Live?> _versions = new();
    private readonly Lock _gate = new();
    private Dictionary<string, Live>? _templates;

    /// <summary>The database's live templates (the app).</summary>
    public TemplateLibrary(IServiceScopeFactory scopes) : this(() => FromDatabase(scopes), (key, version) => VersionText(scopes, key, version))
    {
    }

    private TemplateLibrary(Func<IReadOnlyList<Live>> load, Func<string, int, string?>? loadVersion = null) => (_load, _loadVersion) = (load, loadVersion);

    /// <summary>The files of templates/ as version 0, for tests and benchmarks that run without a database.</summary>
    public static TemplateLibrary FromFolder(string folder) => new(() =>
        [.. TemplateFiles.Read(folder).Select(f => new Live(f.Entry.Key, f.Entry.Title, f.Entry.Annex, f.Entry.Binds, f.Entry.Blank, 0, f.Text))]);

    public IReadOnlyList<Live> All => [.. Load().Values.OrderBy(t => t.Annex ?? (t.Key == "notice" ? 0 : 100)).ThenBy(t => t.Key, StringComparer.Ordinal)];

    public Live? Find(string key) => Load().GetValueOrDefault(key);

    /// <summary>
    /// Template <paramref name="key"/> as of <paramref name="version"/> (a round's pin), or the live one when no version
    /// is named. Stored versions never change, so each is read once.
    /// </summary>
    public Live? Find(string key, int? version)
    {
        var live = Find(key);
        if (version is not { } wanted || live is null || live.Version == wanted || _loadVersion is null)
        {
            return live;
        }
        return _versions.GetOrAdd((key, wanted), k => _loadVersion(k.Key, k.Version) is { } text ? live with { Version = k.Version, Text = text } : null);
    }

    public Live? Annex(int number) => Load().Values.FirstOrDefault(t => t.Annex == number);

    public void Invalidate()
    {
        lock (_gate)
        {
            _templates = null;
        }
    }

    private Dictionary<string, Live> Load()
    {
        lock (_gate)
        {
            return _templates ??= _load().ToDictionary(t => t.Key, StringComparer.Ordinal);
        }
    }

    private static string? VersionText(IServiceScopeFactory scopes, string key, int version)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return db.ArtifactVersions.AsNoTracking().Of(TemplateKind.Kind, key).Where(v => v.Version == version).Select(v => v.Content).FirstOrDefault();
    }

    private static IReadOnlyList<Live> FromDatabase(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return [.. db.DocumentTemplates.AsNoTracking().ToList()
            .Select(t => new Live(t.Key, t.Title, t.Annex, t.Binds.Split(',', StringSplitOptions.RemoveEmptyEntries), t.HasBlank, t.Version, t.Text))];
    }
}

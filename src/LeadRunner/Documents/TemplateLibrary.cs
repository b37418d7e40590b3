using LeadRunner.Data;
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
    private readonly Lock _gate = new();
    private Dictionary<string, Live>? _templates;

    /// <summary>The database's live templates (the app).</summary>
    public TemplateLibrary(IServiceScopeFactory scopes) : this(() => FromDatabase(scopes))
    {
    }

    private TemplateLibrary(Func<IReadOnlyList<Live>> load) => _load = load;

    /// <summary>The files of templates/ as version 0, for tests and benchmarks that run without a database.</summary>
    public static TemplateLibrary FromFolder(string folder) => new(() =>
        [.. TemplateFiles.Read(folder).Select(f => new Live(f.Entry.Key, f.Entry.Title, f.Entry.Annex, f.Entry.Binds, f.Entry.Blank, 0, f.Text))]);

    public IReadOnlyList<Live> All => [.. Load().Values.OrderBy(t => t.Annex ?? (t.Key == "notice" ? 0 : 100)).ThenBy(t => t.Key, StringComparer.Ordinal)];

    public Live? Find(string key) => Load().GetValueOrDefault(key);

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

    private static IReadOnlyList<Live> FromDatabase(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return [.. db.DocumentTemplates.AsNoTracking().ToList()
            .Select(t => new Live(t.Key, t.Title, t.Annex, t.Binds.Split(',', StringSplitOptions.RemoveEmptyEntries), t.HasBlank, t.Version, t.Text))];
    }
}

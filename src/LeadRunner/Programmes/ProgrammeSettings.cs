using System.Text.Json.Nodes;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes;

/// <summary>
/// The current settings of every year, held in memory (a handful of small documents) and reloaded after an
/// administrator saves. Guards, rules, deadlines and templates read them as <c>settings.…</c>.
/// </summary>
public sealed class ProgrammeSettings(IServiceScopeFactory scopes)
{
    private readonly Lock _gate = new();
    private Dictionary<int, (int Version, JsonObject Settings)>? _years;

    /// <summary>A copy of the year's current settings, or null when the year has no programme.</summary>
    public JsonObject? ForYear(int year) => Current(year)?.Settings;

    public (int Version, JsonObject Settings)? Current(int year)
    {
        var years = Load();
        return years.TryGetValue(year, out var entry) ? (entry.Version, entry.Settings.DeepClone().AsObject()) : null;
    }

    public IReadOnlyCollection<int> Years => Load().Keys;

    public void Invalidate()
    {
        lock (_gate)
        {
            _years = null;
        }
    }

    private Dictionary<int, (int Version, JsonObject Settings)> Load()
    {
        lock (_gate)
        {
            if (_years is not null)
            {
                return _years;
            }
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            _years = db.Programmes.AsNoTracking().ToList()
                .ToDictionary(p => p.Year, p => (p.CurrentVersion, ProgrammeUpgrade.Read(p.SettingsJson)));
            return _years;
        }
    }

    /// <summary>Reads a dotted path such as "deadlines.city" from settings.</summary>
    public static JsonNode? Read(JsonObject? settings, string path)
    {
        JsonNode? node = settings;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var next) ? next : null;
        }
        return node;
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LeadRunner.Rounds;
using LeadRunner.Scripting;
using Scriban.Runtime;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// One version of a year's settings as rules read them (<c>settings</c>), frozen, with its special categories by key
/// and its reference lists as the checks read them.
/// </summary>
public sealed record ProgrammeYear(int Year, int Version, ScriptObject Settings, IReadOnlyDictionary<string, ScriptObject> Categories, RoundListSet Lists)
{
    public static ProgrammeYear From(int year, int version, JsonObject settings)
    {
        var frozen = (ScriptObject)ReadOnlyScriptData.From(settings)!;
        var categories = new Dictionary<string, ScriptObject>(StringComparer.Ordinal);
        foreach (var category in (frozen["specialCategories"] as IEnumerable<object?> ?? []).OfType<ScriptObject>())
        {
            if (category["key"] is string key)
            {
                categories.TryAdd(key, category);
            }
        }
        return new ProgrammeYear(year, version, frozen, categories, RoundListSet.From(year, settings));
    }
}

/// <summary>
/// Converts each year's settings for scripts once per saved version rather than once per check; a new version
/// (an administrator saved) is picked up at the next check.
/// </summary>
public sealed class ProgrammeYears(ProgrammeSettings programmes)
{
    private readonly ConcurrentDictionary<(int Year, int Version), ProgrammeYear> _converted = new();

    public ProgrammeYear? Get(int? year)
    {
        if (year is not { } y || programmes.Current(y) is not { } current)
        {
            return null;
        }
        return _converted.GetOrAdd((y, current.Version), key => ProgrammeYear.From(key.Year, key.Version, current.Settings));
    }
}

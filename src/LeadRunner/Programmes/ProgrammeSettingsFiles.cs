using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadRunner.Programmes;

/// <summary>
/// The year's programme settings from workflows/programmes/{year}.json, as guards, deadlines and templates read
/// them (e.g. settings.deadlines.city, settings.publicityWorkingDays).
/// </summary>
public sealed class ProgrammeSettingsFiles(IHostEnvironment environment)
{
    private readonly ConcurrentDictionary<int, JsonObject?> _cache = new();

    public JsonObject? ForYear(int year) => _cache.GetOrAdd(year, y =>
    {
        var path = Path.Combine(environment.ContentRootPath, "workflows", "programmes", $"{y.ToString(CultureInfo.InvariantCulture)}.json");
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
    })?.DeepClone().AsObject();

    /// <summary>Reads a dotted path such as "deadlines.city" from a year's settings.</summary>
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

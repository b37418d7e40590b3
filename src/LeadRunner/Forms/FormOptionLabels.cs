using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>
/// The labels of a form's select and radio options, so that a document prints "已上市" where the data holds "listed".
/// Options are read from a published version's schema, parsed once per version (a published version never changes).
/// </summary>
public sealed class FormOptionLabels
{
    /// <summary>A form's schema as documents read it.</summary>
    public sealed record Schema(int Version, string Json);

    /// <summary>For each component, by data path (<c>merger.form</c>) and by bare key (<c>form</c>): value → label.</summary>
    public sealed class Options(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byKey)
    {
        public IReadOnlyDictionary<string, string>? Of(string key) => byKey.GetValueOrDefault(key);
    }

    private readonly Func<string, int?, Schema?> _find;
    private readonly ConcurrentDictionary<(string Key, int Version), Options> _parsed = new();

    /// <summary>The database's published forms (the app).</summary>
    public FormOptionLabels(IServiceScopeFactory scopes, Rounds.RoundDirectory rounds) =>
        _find = (key, year) => FromDatabase(scopes, key, rounds.FormVersion(year, key));

    /// <summary>Any source of schemas, e.g. the files of workflows/forms, for tests that run without a database.</summary>
    public FormOptionLabels(Func<string, Schema?> find) => _find = (key, _) => find(key);

    /// <summary>The options of form <paramref name="formKey"/> as the round of <paramref name="year"/> pins it, or null when it has no schema to read.</summary>
    public Options? For(string formKey, int? year = null) =>
        _find(formKey, year) is { } schema ? _parsed.GetOrAdd((formKey, schema.Version), _ => Parse(schema.Json)) : null;

    /// <summary>The version documents read: the one the document's round pins, else the newest published one.</summary>
    internal static IQueryable<ArtifactVersion> SchemaVersion(IQueryable<ArtifactVersion> versions, string formKey, int? pinned = null) => pinned is { } version
        ? versions.Of(FormKind.Kind, formKey).Where(v => v.Version == version)
        : versions.Of(FormKind.Kind, formKey).NewestPublished();

    private static Schema? FromDatabase(IServiceScopeFactory scopes, string formKey, int? pinned)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return SchemaVersion(db.ArtifactVersions.AsNoTracking(), formKey, pinned).Select(v => new Schema(v.Version!.Value, v.Content)).FirstOrDefault();
    }

    internal static Options Parse(string json)
    {
        var byKey = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (JsonNode.Parse(json) is JsonObject root)
        {
            Walk(root["components"] as JsonArray, "", byKey);
        }
        return new Options(byKey);
    }

    private static void Walk(JsonArray? components, string prefix, Dictionary<string, IReadOnlyDictionary<string, string>> byKey)
    {
        foreach (var c in components?.OfType<JsonObject>() ?? [])
        {
            var type = FormSchemaReader.Text(c, "type");
            var key = FormSchemaReader.Text(c, "key");
            var values = type switch
            {
                "select" => (c["data"] as JsonObject)?["values"] as JsonArray,
                "radio" => c["values"] as JsonArray,
                _ => null,
            };
            if (key is not null && values is not null)
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var option in values.OfType<JsonObject>())
                {
                    if (FieldRules.AsComparable(option["value"]) is { } value && FormSchemaReader.Text(option, "label") is { } label)
                    {
                        labels.TryAdd(value, label);
                    }
                }
                byKey.TryAdd(prefix + key, labels);
                byKey.TryAdd(key, labels);
            }
            var nested = type is "container" or "datagrid" && key is not null ? prefix + key + "." : prefix;
            Walk(c["components"] as JsonArray, nested, byKey);
            foreach (var column in (c["columns"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                Walk(column["components"] as JsonArray, nested, byKey);
            }
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Pages.CaseView;

/// <summary>An uploaded file as a reviewer opens it: the scoped download route, its name and size.</summary>
public sealed record FileLink(Guid Id, string Name, long? Size)
{
    public string Href => $"/api/uploads/{Id}";

    public string SizeText => Size switch
    {
        null => "",
        < 1024 => $"{Size} 字节",
        < 1024 * 1024 => $"{Size / 1024m:0.#} KB",
        _ => $"{Size / 1024m / 1024m:0.#} MB",
    };
}

/// <summary>A filled value: its text, or the files of a file field.</summary>
public sealed record ReadValue(string Text, IReadOnlyList<FileLink> Files)
{
    public static ReadValue Of(string text) => new(text, []);
}

/// <summary>One line of a readable form: a field, a grid (columns and rows) or a subheading (a container's label).</summary>
public sealed record ReadItem(string Label, ReadValue? Value = null, IReadOnlyList<string>? Columns = null, IReadOnlyList<IReadOnlyList<ReadValue?>>? Rows = null)
{
    public bool IsGrid => Columns is not null;
    public bool IsHeading => Value is null && Columns is null;
}

/// <summary>A panel of the form with its filled fields; the fields before any panel have no title.</summary>
public sealed record ReadSection(string? Title, IReadOnlyList<ReadItem> Items);

/// <summary>
/// A form's data as a page reads it, in the form's order: panels become headings, datagrids tables, selects their
/// option labels, files links; empty fields and those the form's conditions hide are left out.
/// </summary>
public sealed partial class FormReading(FormOptionLabels.Options options, IReadOnlyDictionary<string, FormReading.NumberFormat> numbers, IReadOnlyDictionary<Guid, FileLink> files)
{
    /// <summary>How a number field shows its value: its unit (元, %, 家) and whether digits are grouped.</summary>
    public sealed record NumberFormat(string? Prefix, string? Suffix, bool Grouped);

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    /// <summary>A reading of the form version <paramref name="schemaJson"/>: its option labels and number units.</summary>
    public static FormReading For(string schemaJson, IReadOnlyDictionary<Guid, FileLink> files)
    {
        var numbers = new Dictionary<string, NumberFormat>(StringComparer.Ordinal);
        if (JsonNode.Parse(schemaJson) is JsonObject root)
        {
            Numbers(root["components"] as JsonArray, "", numbers);
        }
        return new FormReading(FormOptionLabels.Parse(schemaJson), numbers, files);
    }

    private static void Numbers(JsonArray? components, string prefix, Dictionary<string, NumberFormat> numbers)
    {
        foreach (var c in components?.OfType<JsonObject>() ?? [])
        {
            var type = c["type"]?.ToString();
            var key = c["key"]?.ToString();
            if (type is "number" or "currency" && key is not null)
            {
                var suffix = Blank(c["suffix"]?.ToString());
                // An amount with a unit reads better grouped (356,000,000 元); a bare number such as a year does not.
                numbers[prefix + key] = new NumberFormat(Blank(c["prefix"]?.ToString()), suffix, suffix is not null || c["delimiter"]?.GetValueKind() == JsonValueKind.True);
            }
            var nested = type is "container" or "datagrid" && key is not null ? prefix + key + "." : prefix;
            Numbers(c["components"] as JsonArray, nested, numbers);
            foreach (var column in (c["columns"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                Numbers(column["components"] as JsonArray, nested, numbers);
            }
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The files the data points at, by id, from the stored records (name and size as uploaded).</summary>
    public static async Task<IReadOnlyDictionary<Guid, FileLink>> FilesAsync(Data.LeadRunnerDb db, IEnumerable<JsonNode?> data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = data.SelectMany(FormValidation.FileIds).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, FileLink>();
        }
        return await db.StoredFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => new FileLink(f.Id, f.FileName, f.Size), ct);
    }

    public IReadOnlyList<ReadSection> Read(FormDefinition form, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(form);
        var sections = new List<ReadSection>();
        var loose = new List<ReadItem>();
        foreach (var c in form.Components)
        {
            if (c.Type is "panel" or "fieldset")
            {
                Flush(sections, loose);
                var items = new List<ReadItem>();
                Walk(c.Children, data, data, "", items, form.FieldTypes);
                if (items.Count > 0)
                {
                    sections.Add(new ReadSection(Clean(c.Label), items));
                }
                continue;
            }
            Walk([c], data, data, "", loose, form.FieldTypes);
        }
        Flush(sections, loose);
        return sections;
    }

    private static void Flush(List<ReadSection> sections, List<ReadItem> loose)
    {
        if (loose.Count > 0)
        {
            sections.Add(new ReadSection(null, [.. loose]));
            loose.Clear();
        }
    }

    private void Walk(IEnumerable<FormComponent> components, JsonObject level, JsonObject root, string path, List<ReadItem> items, IReadOnlyDictionary<string, string> types)
    {
        foreach (var c in components)
        {
            if (c.Conditional is { } condition && !condition.IsVisible(level, root, types))
            {
                continue;
            }
            switch (c.Kind)
            {
                case ComponentKind.Layout:
                    Walk(c.Children, level, root, path, items, types);
                    break;
                case ComponentKind.Container when c.Key is not null && level[c.Key] is JsonObject inner:
                    var nested = new List<ReadItem>();
                    Walk(c.Children, inner, root, $"{path}{c.Key}.", nested, types);
                    if (nested.Count > 0)
                    {
                        items.Add(new ReadItem(Clean(c.Label)));
                        items.AddRange(nested);
                    }
                    break;
                case ComponentKind.Grid when c.Key is not null && level[c.Key] is JsonArray { Count: > 0 } rows:
                    items.Add(Grid(c, rows, root, $"{path}{c.Key}."));
                    break;
                case ComponentKind.Field when c.Key is not null && Value(c, level[c.Key], path + c.Key) is { } value:
                    items.Add(new ReadItem(Clean(c.Label), value));
                    break;
            }
        }
    }

    private ReadItem Grid(FormComponent grid, JsonArray rows, JsonObject root, string path)
    {
        var columns = Leaves(grid.Children).ToList();
        var table = rows.OfType<JsonObject>()
            .Select(row => (IReadOnlyList<ReadValue?>)columns.Select(c => c.Key is null ? null : Value(c, row[c.Key], path + c.Key)).ToList())
            .ToList();
        return new ReadItem(Clean(grid.Label), Columns: columns.Select(c => Clean(c.Label)).ToList(), Rows: table);
    }

    private static IEnumerable<FormComponent> Leaves(IEnumerable<FormComponent> components) =>
        components.SelectMany(c => c.Kind == ComponentKind.Layout ? Leaves(c.Children) : c.Kind == ComponentKind.Field ? [c] : []);

    private ReadValue? Value(FormComponent c, JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }
        if (c.File is not null || c.Type == "file")
        {
            var links = (node as JsonArray ?? []).OfType<JsonObject>().Select(File).OfType<FileLink>().ToList();
            return links.Count == 0 ? null : new ReadValue("", links);
        }
        var text = c.Type switch
        {
            "checkbox" => node.GetValueKind() == JsonValueKind.True ? "是" : "否",
            "select" or "radio" => Join(node, v => options.Of(path)?.GetValueOrDefault(v) ?? options.Of(c.Key!)?.GetValueOrDefault(v) ?? v),
            "number" or "currency" => Join(node, v => Number(v, numbers.GetValueOrDefault(path))),
            "datetime" => Join(node, Date),
            _ => Join(node, v => v),
        };
        return string.IsNullOrWhiteSpace(text) ? null : ReadValue.Of(text.Trim());
    }

    private FileLink? File(JsonObject entry)
    {
        if (!IUploadedFiles.TryParseId(entry["url"]?.ToString(), out var id))
        {
            return null;
        }
        var name = entry["originalName"]?.ToString() ?? entry["name"]?.ToString() ?? "文件";
        return files.GetValueOrDefault(id) ?? new FileLink(id, name, entry["size"] is JsonValue s && s.TryGetValue<long>(out var size) ? size : null);
    }

    private static string Join(JsonNode node, Func<string, string> format) => node is JsonArray many
        ? string.Join("、", many.Select(FieldRules.AsComparable).OfType<string>().Where(v => v.Length > 0).Select(format))
        : FieldRules.AsComparable(node) is { Length: > 0 } one ? format(one) : "";

    private static string Number(string value, NumberFormat? format)
    {
        if (!decimal.TryParse(value, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
        {
            return value;
        }
        var text = d.ToString(format?.Grouped == true ? "#,0.##########" : "0.##########", CultureInfo.InvariantCulture);
        return $"{format?.Prefix}{text}{(format?.Suffix is { } unit ? " " + unit : "")}";
    }

    private static string Date(string value)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return value;
        }
        var local = at.ToChina();
        return local.TimeOfDay == TimeSpan.Zero
            ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Labels may carry markup (sanitised when saved); the page shows their text.</summary>
    private static string Clean(string label) => WebUtility.HtmlDecode(Tags().Replace(label, "")).Trim();
}

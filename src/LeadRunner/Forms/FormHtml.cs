using System.Text.Json.Nodes;
using LeadRunner.Hosting;

namespace LeadRunner.Forms;

/// <summary>
/// The HTML a form schema carries, made safe with the app's one sanitiser (<see cref="SafeHtml"/>): the
/// <c>content</c> component's <c>html</c>, the <c>htmlelement</c> component's <c>content</c>, tag and attributes,
/// and labels written with markup. Applied when a form is saved (<see cref="FormKind"/>) and again whenever a
/// schema is sent to a browser, so a version stored before this check is harmless too.
/// </summary>
public static class FormHtml
{
    // What an htmlelement may be: text containers only (its tag is free text in the designer).
    private static readonly HashSet<string> ElementTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "small", "blockquote", "pre", "code", "ul", "ol", "li", "hr", "br", "section", "article", "label",
    };

    /// <summary>Sanitises <paramref name="schema"/> in place and returns it.</summary>
    public static JsonObject Sanitise(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Walk(schema);
        return schema;
    }

    private static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item);
                }
                break;
            case JsonObject obj:
                var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                if (type == "content")
                {
                    Clean(obj, "html");
                }
                else if (type == "htmlelement")
                {
                    Clean(obj, "content");
                    CleanElement(obj);
                }
                // Form.io shows a label as HTML; plain labels ("A & B") are left as typed.
                if (obj["label"] is JsonValue label && label.TryGetValue<string>(out var text) && text.Contains('<', StringComparison.Ordinal))
                {
                    obj["label"] = SafeHtml.Sanitize(text);
                }
                foreach (var (_, child) in obj.ToList())
                {
                    Walk(child);
                }
                break;
        }
    }

    private static void Clean(JsonObject obj, string property)
    {
        if (obj[property] is JsonValue value && value.TryGetValue<string>(out var html))
        {
            obj[property] = SafeHtml.Sanitize(html);
        }
    }

    /// <summary>
    /// The element's tag is one of <see cref="ElementTags"/>; its attributes are presentational ones (class, title,
    /// lang, dir, role, aria-*) and links to http(s) or mailto: an event handler, style or script URL is dropped.
    /// </summary>
    private static void CleanElement(JsonObject obj)
    {
        if (obj["tag"] is JsonValue tag && tag.TryGetValue<string>(out var name) && !ElementTags.Contains(name.Trim()))
        {
            obj["tag"] = "p";
        }
        if (obj["attrs"] is JsonArray attrs)
        {
            obj["attrs"] = new JsonArray([.. attrs.OfType<JsonObject>().Where(SafeAttribute).Select(a => a.DeepClone())]);
        }
    }

    private static bool SafeAttribute(JsonObject attr)
    {
        var name = (attr["attr"]?.ToString() ?? "").Trim().ToLowerInvariant();
        var value = (attr["value"]?.ToString() ?? "").Trim();
        return name switch
        {
            "class" or "title" or "lang" or "dir" or "role" => true,
            "href" => value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.StartsWith("/\\", StringComparison.Ordinal)),
            _ => name.StartsWith("aria-", StringComparison.Ordinal) && name.Skip(5).All(c => c is >= 'a' and <= 'z' or '-'),
        };
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Rounds;

namespace LeadRunner.Forms;

/// <summary>
/// Selects whose options are a round's reference list: Form.io's <c>dataSrc: "url"</c> pointing at
/// <c>/api/rounds/current/lists/{list}?format=options</c>. A form is stored with <c>current</c>; the page that shows it
/// puts in the year of the round it is filled for, and the server checks the value against that year's list.
/// </summary>
public static partial class RoundListSelects
{
    public static string UrlFor(string list) => $"/api/rounds/{RoundListsApi.Current}/lists/{list}?format={RoundListsApi.OptionsFormat}";

    /// <summary>The one URL shape a form may use, for messages.</summary>
    public static string Example => UrlFor("{" + string.Join("|", RoundListSet.Names.Keys) + "}");

    [GeneratedRegex(@"^/api/rounds/current/lists/(?<list>[A-Za-z]+)\?format=options$")]
    private static partial Regex StoredUrl();

    [GeneratedRegex(@"^/api/rounds/current/lists/")]
    private static partial Regex CurrentPrefix();

    /// <summary>The list a stored select's URL names, or null when it is not a round list URL.</summary>
    public static string? ListOf(string? url) =>
        url is not null && StoredUrl().Match(url) is { Success: true } m && RoundListSet.Names.ContainsKey(m.Groups["list"].Value) ? m.Groups["list"].Value : null;

    /// <summary>
    /// A copy of the schema for the browser with the round's year in every list URL, so that the options shown are
    /// those the server will check against; with no year the URLs keep <c>current</c>.
    /// </summary>
    public static JsonObject ForYear(JsonObject schema, int? year)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var copy = schema.DeepClone().AsObject();
        if (year is { } y)
        {
            Pin(copy, $"/api/rounds/{y.ToString(CultureInfo.InvariantCulture)}/lists/");
        }
        return copy;
    }

    private static void Pin(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["dataSrc"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)o["dataSrc"] == "url"
                    && o["data"] is JsonObject data && data["url"] is JsonValue url && url.TryGetValue<string>(out var text) && ListOf(text) is not null)
                {
                    data["url"] = CurrentPrefix().Replace(text, prefix);
                }
                foreach (var (_, child) in o)
                {
                    Pin(child, prefix);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Pin(item, prefix);
                }
                break;
        }
    }
}

using System.Text.Json.Nodes;

namespace LeadRunner.Documents;

/// <summary>
/// What a template sees (docs/templates.md): each property is one global of the template, under its JSON name.
/// Any of them may be absent; the template then shows "（待填写）" (or a blank line in a blank version).
/// </summary>
public sealed record DocumentData
{
    /// <summary>The year's settings, with the keys of workflows/programmes/{year}.json.</summary>
    public JsonObject? Programme { get; init; }

    /// <summary>{ name, uscc, county, unit, cluster, industry }.</summary>
    public JsonNode? Enterprise { get; init; }

    /// <summary>The application form's data (instance variable <c>application</c>).</summary>
    public JsonNode? Application { get; init; }

    /// <summary>The county review form's data (instance variable <c>countyReview</c>).</summary>
    public JsonNode? CountyReview { get; init; }

    /// <summary>The city recommendation form's data (instance variable <c>cityRecommendation</c>).</summary>
    public JsonNode? CityRecommendation { get; init; }

    /// <summary>Annex 3: { name, code } of the reporting unit.</summary>
    public JsonNode? Unit { get; init; }

    /// <summary>Annex 3: the unit's recommended enterprises in rank order: [{ rank, name, county, cluster, category, revenue (万元), rdRatio, partners }] and each one's standing against the basic conditions (FilledData.ForUnit).</summary>
    public JsonNode? Recommended { get; init; }

    /// <summary>The 公示 and final-list announcements: { list: [...], start, end, contact, issuedAt }.</summary>
    public JsonNode? Publicity { get; init; }

    /// <summary>The issued document: { code, issuedAt, verifyUrl, qrDataUri }; nothing is shown when absent.</summary>
    public JsonNode? Document { get; init; }

    /// <summary>The names templates use, in the order docs/templates.md lists them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["programme", "enterprise", "application", "countyReview", "cityRecommendation", "unit", "recommended", "publicity", "document"];

    /// <summary>Reads the data from one JSON object keyed by the names above (sample files, the editor's preview).</summary>
    public static DocumentData FromJson(JsonObject? json) => json is null ? new() : new()
    {
        Programme = json["programme"] as JsonObject,
        Enterprise = json["enterprise"],
        Application = json["application"],
        CountyReview = json["countyReview"],
        CityRecommendation = json["cityRecommendation"],
        Unit = json["unit"],
        Recommended = json["recommended"],
        Publicity = json["publicity"],
        Document = json["document"],
    };

    /// <summary>The globals of a render: every name present (null when absent) plus <c>blank</c>.</summary>
    internal Dictionary<string, object?> Globals(bool blank) => new()
    {
        ["programme"] = Programme,
        ["enterprise"] = Enterprise,
        ["application"] = Application,
        ["countyReview"] = CountyReview,
        ["cityRecommendation"] = CityRecommendation,
        ["unit"] = Unit,
        ["recommended"] = Recommended,
        ["publicity"] = Publicity,
        ["document"] = Document,
        ["blank"] = blank,
    };
}

using System.Text.Json.Nodes;

namespace LeadRunner.Rounds;

/// <summary>An industry of the round's list; traditional industries get the lower R&amp;D threshold.</summary>
public sealed record Industry(string Name, bool Traditional, bool Retired);

/// <summary>A special-condition category (专项条件类别) with the titles and lists that qualify for it.</summary>
public sealed record SpecialCategory(string Key, string Title, IReadOnlyList<string> Items, bool Retired);

/// <summary>How a partner enterprise relates to the applicant (上游、下游、配套协作…).</summary>
public sealed record PartnerRelation(string Name, bool Retired);

/// <summary>
/// The reference lists of one year's round, read from its settings: the one source that registration, the forms,
/// the self-check and the rules offer and check against. Retired entries stay (cases made with them keep their
/// meaning) but are no longer offered as new choices.
/// </summary>
public sealed record RoundListSet(int Year, IReadOnlyList<Industry> Industries, IReadOnlyList<SpecialCategory> SpecialCategories,
    IReadOnlyList<PartnerRelation> PartnerRelations, string MoneyUnit)
{
    public const string IndustriesList = "industries";
    public const string SpecialCategoriesList = "specialCategories";
    public const string PartnerRelationsList = "partnerRelations";
    public const string MoneyUnitList = "moneyUnit";

    /// <summary>The lists by their name in the settings, with the Chinese name people read.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [IndustriesList] = "行业",
        [SpecialCategoriesList] = "专项条件类别",
        [PartnerRelationsList] = "合作关系",
        [MoneyUnitList] = "金额单位",
    };

    /// <summary>Reads the lists of settings already validated (and upgraded); absent lists read as empty.</summary>
    public static RoundListSet From(int year, JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var industries = Entries(settings, IndustriesList).Select(e => new Industry(Text(e["name"]) ?? "", Flag(e["traditional"]), Flag(e["retired"])));
        var categories = Entries(settings, SpecialCategoriesList).Select(e => new SpecialCategory(Text(e["key"]) ?? "", Text(e["title"]) ?? Text(e["key"]) ?? "",
            [.. (e["items"] as JsonArray ?? []).Select(Text).OfType<string>()], Flag(e["retired"])));
        var relations = Entries(settings, PartnerRelationsList).Select(e => new PartnerRelation(Text(e["name"]) ?? "", Flag(e["retired"])));
        return new RoundListSet(year, [.. industries], [.. categories], [.. relations], Text(settings[MoneyUnitList]) ?? "元");
    }

    /// <summary>The values a new choice may take from a list, in the list's order (retired entries left out): names, or keys for categories.</summary>
    public IReadOnlyList<string> Choices(string list) => list switch
    {
        IndustriesList => [.. Industries.Where(i => !i.Retired).Select(i => i.Name)],
        SpecialCategoriesList => [.. SpecialCategories.Where(c => !c.Retired).Select(c => c.Key)],
        PartnerRelationsList => [.. PartnerRelations.Where(r => !r.Retired).Select(r => r.Name)],
        MoneyUnitList => [MoneyUnit],
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Unknown round list."),
    };

    public Industry? FindIndustry(string? name) => Industries.FirstOrDefault(i => i.Name == name);

    private static IEnumerable<JsonObject> Entries(JsonObject settings, string list) => (settings[list] as JsonArray ?? []).OfType<JsonObject>();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}

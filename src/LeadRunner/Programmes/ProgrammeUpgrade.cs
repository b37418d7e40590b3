using System.Text.Json.Nodes;

namespace LeadRunner.Programmes;

/// <summary>
/// Reads settings saved before the reference lists became data of the round: the names in
/// <c>traditionalIndustries</c> become the <c>traditional</c> flag on an <c>industries</c> list, and the partner
/// relations and the money unit get the values the forms used then; a quarterly-update section without its grace
/// days gets 30. Settings already in the current shape are
/// left as they are, so applying it twice changes nothing.
/// </summary>
public static class ProgrammeUpgrade
{
    // What the code fixed before the lists were settings: the meaning of an old document that has no list of its own.
    private static readonly string[] LegacyIndustries =
        ["钢铁", "建材", "轻工", "纺织", "食品", "化工", "装备制造", "汽车及零部件", "电子信息", "生物医药", "新材料", "新能源", "现代农业", "其他"];
    private static readonly string[] LegacyRelations = ["上游", "下游", "配套协作"];
    private const string LegacyMoneyUnit = "元";
    private const int LegacyGraceDays = 30;

    /// <summary>Upgrades in place (and returns) a settings object in the old shape.</summary>
    public static JsonObject Apply(JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The grace after a quarter's due date came later: a round without it waits 30 calendar days, as the form proposes.
        if (settings["quarterlyUpdate"] is JsonObject quarterly && !quarterly.ContainsKey("graceDays"))
        {
            quarterly["graceDays"] = LegacyGraceDays;
        }
        if (settings["traditionalIndustries"] is not JsonArray traditional || settings.ContainsKey("industries"))
        {
            return settings; // current shape, or both keys: the validator names the stray one
        }
        var names = traditional.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var industries = new JsonArray([.. LegacyIndustries.Concat(names.Where(n => !LegacyIndustries.Contains(n, StringComparer.Ordinal)))
            .Select(n => (JsonNode?)new JsonObject { ["name"] = n, ["traditional"] = names.Contains(n) })]);
        var index = settings.IndexOf("traditionalIndustries");
        settings.Remove("traditionalIndustries");
        settings.Insert(index, "industries", industries);
        if (!settings.ContainsKey("partnerRelations"))
        {
            settings["partnerRelations"] = new JsonArray([.. LegacyRelations.Select(r => (JsonNode?)new JsonObject { ["name"] = r })]);
        }
        if (!settings.ContainsKey("moneyUnit"))
        {
            settings["moneyUnit"] = LegacyMoneyUnit;
        }
        return settings;
    }

    /// <summary>Stored settings text in the current shape.</summary>
    public static JsonObject Read(string json) => Apply(JsonNode.Parse(json)!.AsObject());
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadRunner.Programmes.Pages;

/// <summary>A year's settings as form fields an officer edits, and back to the settings document.</summary>
public sealed class ProgrammeForm
{
    public sealed class Industry
    {
        public string? Name { get; set; }
        public bool Traditional { get; set; }
        public bool Retired { get; set; }
    }

    public sealed class Category
    {
        public string? Key { get; set; }
        public string? Title { get; set; }
        public string? Items { get; set; }
        public bool Retired { get; set; }
    }

    public sealed class Relation
    {
        public string? Name { get; set; }
        public bool Retired { get; set; }
    }

    public string? Title { get; set; }
    public string? NoticeDate { get; set; }
    public string? EnterpriseDeadline { get; set; }
    public string? CountyDeadline { get; set; }
    public string? CityDeadline { get; set; }
    public int? PublicityWorkingDays { get; set; }
    public decimal? RdThreshold { get; set; }
    public decimal? RdThresholdTraditional { get; set; }
    public int? MinPartners { get; set; }
    public bool RequirePoolMembership { get; set; }
    public List<Industry> Industries { get; set; } = [];
    public List<Category> Categories { get; set; } = [];
    public List<Relation> PartnerRelations { get; set; } = [];
    public string? MoneyUnit { get; set; }
    public decimal? EquipmentSubsidyRate { get; set; }
    public decimal? EquipmentSubsidyCap { get; set; }
    public decimal? MergerReward { get; set; }
    public decimal? MilestoneRevenue1 { get; set; }
    public decimal? MilestoneReward1 { get; set; }
    public decimal? MilestoneRevenue2 { get; set; }
    public decimal? MilestoneReward2 { get; set; }
    public decimal? Top500Reward { get; set; }
    public int? QuarterlyDays { get; set; }
    public int? ListedWorkingDays { get; set; }
    public int? GraceDays { get; set; }
    public int? ReReviewYears { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactAddress { get; set; }

    public static ProgrammeForm From(JsonObject s)
    {
        var milestones = s["support"]?["revenueMilestones"]?.AsArray() ?? [];
        return new ProgrammeForm
        {
            Title = Str(s["title"]), NoticeDate = Str(s["noticeDate"]),
            EnterpriseDeadline = Str(s["deadlines"]?["enterprise"]), CountyDeadline = Str(s["deadlines"]?["county"]), CityDeadline = Str(s["deadlines"]?["city"]),
            PublicityWorkingDays = s["publicityWorkingDays"]?.GetValue<int>(),
            RdThreshold = s["rdThreshold"]?.GetValue<decimal>(), RdThresholdTraditional = s["rdThresholdTraditional"]?.GetValue<decimal>(),
            MinPartners = s["minPartners"]?.GetValue<int>(),
            RequirePoolMembership = Flag(s["requirePoolMembership"]),
            Industries = s["industries"]?.AsArray().Select(i => new Industry
            {
                Name = Str(i!["name"]), Traditional = Flag(i["traditional"]), Retired = Flag(i["retired"]),
            }).ToList() ?? [],
            Categories = s["specialCategories"]?.AsArray().Select(c => new Category
            {
                Key = Str(c!["key"]), Title = Str(c["title"]), Items = string.Join("\n", c["items"]?.AsArray().Select(Str) ?? []), Retired = Flag(c["retired"]),
            }).ToList() ?? [],
            PartnerRelations = s["partnerRelations"]?.AsArray().Select(r => new Relation { Name = Str(r!["name"]), Retired = Flag(r["retired"]) }).ToList() ?? [],
            MoneyUnit = Str(s["moneyUnit"]),
            EquipmentSubsidyRate = s["support"]?["equipmentSubsidyRate"]?.GetValue<decimal>(),
            EquipmentSubsidyCap = s["support"]?["equipmentSubsidyCap"]?.GetValue<decimal>(),
            MergerReward = s["support"]?["mergerReward"]?.GetValue<decimal>(),
            MilestoneRevenue1 = milestones.ElementAtOrDefault(0)?["revenue"]?.GetValue<decimal>(),
            MilestoneReward1 = milestones.ElementAtOrDefault(0)?["reward"]?.GetValue<decimal>(),
            MilestoneRevenue2 = milestones.ElementAtOrDefault(1)?["revenue"]?.GetValue<decimal>(),
            MilestoneReward2 = milestones.ElementAtOrDefault(1)?["reward"]?.GetValue<decimal>(),
            Top500Reward = s["support"]?["top500Reward"]?.GetValue<decimal>(),
            QuarterlyDays = s["quarterlyUpdate"]?["calendarDaysAfterQuarterEnd"]?.GetValue<int>(),
            ListedWorkingDays = s["quarterlyUpdate"]?["listedWorkingDaysAfterDisclosure"]?.GetValue<int>(),
            GraceDays = s["quarterlyUpdate"]?["graceDays"]?.GetValue<int>(),
            ReReviewYears = s["reReviewYears"]?.GetValue<int>(),
            ContactPerson = Str(s["contact"]?["person"]), ContactPhone = Str(s["contact"]?["phone"]), ContactAddress = Str(s["contact"]?["address"]),
        };
    }

    /// <summary>The settings document; empty fields become nulls so that the validator names them.</summary>
    public JsonObject ToSettings(int year)
    {
        var milestones = new JsonArray();
        foreach (var (revenue, reward) in new[] { (MilestoneRevenue1, MilestoneReward1), (MilestoneRevenue2, MilestoneReward2) })
        {
            if (revenue is not null || reward is not null)
            {
                milestones.Add(new JsonObject { ["revenue"] = revenue, ["reward"] = reward });
            }
        }
        return new JsonObject
        {
            ["year"] = year, ["title"] = Trim(Title), ["noticeDate"] = Trim(NoticeDate),
            ["deadlines"] = new JsonObject { ["enterprise"] = Trim(EnterpriseDeadline), ["county"] = Trim(CountyDeadline), ["city"] = Trim(CityDeadline) },
            ["publicityWorkingDays"] = PublicityWorkingDays, ["rdThreshold"] = RdThreshold, ["rdThresholdTraditional"] = RdThresholdTraditional,
            ["industries"] = new JsonArray([.. Industries.Where(i => !string.IsNullOrWhiteSpace(i.Name))
                .Select(i => Retire(new JsonObject { ["name"] = Trim(i.Name), ["traditional"] = i.Traditional }, i.Retired))]),
            ["minPartners"] = MinPartners,
            ["requirePoolMembership"] = RequirePoolMembership,
            ["specialCategories"] = new JsonArray([.. Categories
                .Where(c => !string.IsNullOrWhiteSpace(c.Key) || !string.IsNullOrWhiteSpace(c.Title) || !string.IsNullOrWhiteSpace(c.Items))
                .Select(c => Retire(new JsonObject
                {
                    ["key"] = Trim(c.Key), ["title"] = Trim(c.Title),
                    ["items"] = new JsonArray(Split(c.Items, '\n', '\r').Select(i => (JsonNode?)i).ToArray()),
                }, c.Retired))]),
            ["partnerRelations"] = new JsonArray([.. PartnerRelations.Where(r => !string.IsNullOrWhiteSpace(r.Name))
                .Select(r => Retire(new JsonObject { ["name"] = Trim(r.Name) }, r.Retired))]),
            ["moneyUnit"] = Trim(MoneyUnit),
            ["support"] = new JsonObject
            {
                ["equipmentSubsidyRate"] = EquipmentSubsidyRate, ["equipmentSubsidyCap"] = EquipmentSubsidyCap, ["mergerReward"] = MergerReward,
                ["revenueMilestones"] = milestones, ["top500Reward"] = Top500Reward,
            },
            ["quarterlyUpdate"] = Grace(new JsonObject { ["calendarDaysAfterQuarterEnd"] = QuarterlyDays, ["listedWorkingDaysAfterDisclosure"] = ListedWorkingDays }),
            ["reReviewYears"] = ReReviewYears,
            ["contact"] = new JsonObject { ["person"] = Trim(ContactPerson), ["phone"] = Trim(ContactPhone), ["address"] = Trim(ContactAddress) },
        };
    }

    // Left empty, the grace is the upgrade's default (ProgrammeUpgrade) rather than a null the schema refuses.
    private JsonObject Grace(JsonObject quarterly)
    {
        if (GraceDays is { } days)
        {
            quarterly["graceDays"] = days;
        }
        return quarterly;
    }

    // Only retired entries carry the flag, so the settings of a year without retirements read as before.
    private static JsonObject Retire(JsonObject entry, bool retired)
    {
        if (retired)
        {
            entry["retired"] = true;
        }
        return entry;
    }

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToString();
    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    private static string[] Split(string? value, params char[] separators) =>
        (value ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Money(decimal? yuan) => yuan is { } v ? (v / 10000m).ToString("#,0.##", CultureInfo.InvariantCulture) + " 万元" : "";
}

using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// The data a filled annex is rendered from: the case's form data under the contract's keys (<c>application</c>,
/// <c>countyReview</c>, <c>cityRecommendation</c>) plus the enterprise, its county and unit as the register holds them.
/// </summary>
public static class FilledData
{
    public sealed record CaseSource(long CaseId, Enterprise Enterprise, JsonObject Variables);

    /// <summary>The case as the current actor may see it (the DbContext's filters scope it), or null.</summary>
    public static async Task<CaseSource?> LoadCaseAsync(LeadRunnerDb db, long caseId, CancellationToken cancellationToken)
    {
        var row = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.Id == caseId && i.DefinitionId == RecommendedCases.Definition && i.EnterpriseId != null)
            .Select(i => new { i.Id, i.VariablesJson, i.EnterpriseId })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var enterprise = await db.Enterprises.AsNoTracking().Include(e => e.County!).ThenInclude(c => c.Unit).Include(e => e.Cluster)
            .FirstOrDefaultAsync(e => e.Id == row.EnterpriseId, cancellationToken);
        if (enterprise is null)
        {
            return null;
        }
        return new CaseSource(row.Id, enterprise, RecommendedCases.ParseObject(row.VariablesJson) ?? []);
    }

    /// <summary>The template data of a case under the names of docs/templates.md (document and programme are added by the caller).</summary>
    public static JsonObject ForCase(CaseSource source)
    {
        var v = source.Variables;
        return new JsonObject
        {
            ["enterprise"] = Enterprise(source.Enterprise),
            ["application"] = (v["application"] as JsonObject ?? []).DeepClone(),
            ["countyReview"] = (v["countyReview"] as JsonObject ?? []).DeepClone(),
            ["cityRecommendation"] = (v["cityRecommendation"] as JsonObject ?? new JsonObject { ["rank"] = RecommendedCases.Rank(v) }).DeepClone(),
        };
    }

    public sealed record UnitRow(int Rank, CaseSource Source);

    /// <summary>
    /// Annex 3: the unit and its recommended enterprises, one row each in rank order, with each enterprise's standing
    /// against the basic conditions computed from its own figures and the year's settings (<paramref name="programme"/>),
    /// so the report states per enterprise what holds instead of a claim about all of them.
    /// </summary>
    public static JsonObject ForUnit(string unitCode, string unitName, int? year, IEnumerable<UnitRow> rows, JsonObject? programme = null)
    {
        var recommended = new JsonArray();
        foreach (var r in rows)
        {
            var application = r.Source.Variables["application"] as JsonObject ?? [];
            var partners = (application["partners"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var row = new JsonObject
            {
                ["rank"] = r.Rank,
                ["name"] = r.Source.Enterprise.Name,
                ["uscc"] = r.Source.Enterprise.Uscc,
                ["county"] = r.Source.Enterprise.County?.Name,
                ["cluster"] = r.Source.Enterprise.Cluster?.Name ?? application["clusterName"]?.ToString(),
                ["category"] = string.Join("、", SpecialCategories(application)),
                ["revenue"] = Number(application["revenue"]),
                ["rdExpense"] = Number(application["rdExpense"]),
                ["rdRatio"] = RdRatio(application),
                // The table's column is the number of partner enterprises; their names are there for other templates.
                ["partners"] = partners.Count,
                ["partnerNames"] = string.Join("、", partners.Select(p => p["name"]?.ToString()).Where(n => !string.IsNullOrWhiteSpace(n))),
            };
            AddStanding(row, r.Source, application, partners, programme);
            recommended.Add(row);
        }
        return new JsonObject
        {
            ["unit"] = new JsonObject { ["code"] = unitCode, ["name"] = unitName, ["year"] = year },
            ["recommended"] = recommended,
        };
    }

    /// <summary>
    /// The row's facts against the basic conditions the data can show: pool membership, R&amp;D ratio against the
    /// threshold of its industry (traditional industries have their own), partners inside the cluster, a special
    /// condition passed; <c>shortfalls</c> names each one not met, in words a report can print.
    /// </summary>
    private static void AddStanding(JsonObject row, CaseSource source, JsonObject application, List<JsonObject> partners, JsonObject? programme)
    {
        var industry = application["industry"]?.ToString() ?? source.Enterprise.IndustryCategory;
        var traditional = (programme?["industries"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(i => i["name"]?.ToString() == industry && i["traditional"] is JsonValue t && t.TryGetValue<bool>(out var yes) && yes);
        var threshold = Number(programme?[traditional ? "rdThresholdTraditional" : "rdThreshold"]);
        var ratio = Number(application["revenue"]) is { } revenue && revenue > 0 && Number(application["rdExpense"]) is { } rd ? rd / revenue * 100m : (decimal?)null;
        var inCluster = partners.Count(p => p["inCluster"] is JsonValue v && v.TryGetValue<bool>(out var yes) && yes);
        var minPartners = Number(programme?["minPartners"]);
        var inPool = application["inCultivationPool"] is JsonValue pool && pool.TryGetValue<bool>(out var pooled) && pooled;
        var verdict = source.Variables["eligibility"] as JsonObject;
        var specials = (verdict?["rules"] as JsonArray ?? []).OfType<JsonObject>().Where(r => r["group"]?.ToString() == "special").ToList();

        var shortfalls = new JsonArray();
        if (!inPool)
        {
            shortfalls.Add("未纳入“领跑者”企业培育库");
        }
        bool? meetsRd = ratio is { } x && threshold is { } limit ? x >= limit : null;
        if (meetsRd == false)
        {
            shortfalls.Add(string.Create(CultureInfo.InvariantCulture, $"研发投入占比 {RdRatio(application):0.##}%，低于{(traditional ? "传统行业" : "")}年度门槛 {threshold:0.##}%"));
        }
        else if (ratio is null)
        {
            shortfalls.Add("未填写营业收入或研发投入，研发投入占比无法核实");
        }
        bool? meetsPartners = minPartners is { } min ? inCluster >= min : null;
        if (meetsPartners == false)
        {
            shortfalls.Add(string.Create(CultureInfo.InvariantCulture, $"所属集群内产业链上下游合作企业 {inCluster} 家，少于 {minPartners:0} 家"));
        }
        if (specials.Count > 0 && !specials.Any(r => r["result"]?.ToString() == "pass"))
        {
            shortfalls.Add("申报的专项条件均未核验通过");
        }
        row["inPool"] = inPool;
        row["traditional"] = traditional;
        row["rdThreshold"] = threshold;
        row["meetsRd"] = meetsRd;
        row["partnersInCluster"] = inCluster;
        row["meetsPartners"] = meetsPartners;
        row["shortfalls"] = shortfalls;
    }

    private static JsonObject Enterprise(Enterprise e) => new()
    {
        ["name"] = e.Name,
        ["uscc"] = e.Uscc,
        ["industry"] = e.IndustryCategory,
        ["county"] = e.County?.Name,
        ["city"] = e.County?.CityName,
        ["unit"] = e.County?.Unit?.Name,
        ["cluster"] = e.Cluster?.Name,
    };

    /// <summary>R&amp;D spending as a percentage of revenue, 2 decimals; null when either figure is missing or revenue is 0.</summary>
    public static decimal? RdRatio(JsonObject application) =>
        Number(application["revenue"]) is { } revenue && revenue > 0 && Number(application["rdExpense"]) is { } rd
            ? Math.Round(rd / revenue * 100m, 2, MidpointRounding.AwayFromZero)
            : null;

    public static IEnumerable<string> SpecialCategories(JsonObject application) =>
        (application["specialConditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(row => row["category"]?.ToString()).OfType<string>().Where(c => c.Length > 0).Distinct();

    private static decimal? Number(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<decimal>(out var d) ? d
        : value.TryGetValue<double>(out var f) ? (decimal)f
        : value.TryGetValue<string>(out var s) && decimal.TryParse(s, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p
        : null
        : null;
}

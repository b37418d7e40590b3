using System.Text.Json.Nodes;

namespace LeadRunner.Documents.Issued;

/// <summary>The annexes LeadRunner fills from a case or a unit, and when an annex applies to a case.</summary>
public static class FilledTemplates
{
    public sealed record Annex(string Key, int Number, string Title, string ShortTitle, bool OfUnit = false);

    public static readonly Annex RecommendationReport = new("annex-03", 3, "市级工信部门推荐报告", "推荐报告", OfUnit: true);
    public static readonly Annex ApplicationReport = new("annex-04", 4, "企业申请报告", "企业申请报告");
    public static readonly Annex EvidenceList = new("annex-05", 5, "佐证材料清单", "佐证材料清单");
    public static readonly Annex MergerReport = new("annex-06", 6, "企业并购（兼并）重组情况报告", "并购重组情况报告");
    public static readonly Annex SharedManufacturingReport = new("annex-07", 7, "企业“共享智造”情况报告", "共享智造情况报告");
    public static readonly Annex CountyCertificate = new("annex-08", 8, "县级工信部门有关情况证明", "县级证明");
    public static readonly Annex Declaration = new("annex-09", 9, "企业材料真实性声明", "真实性声明");

    public static readonly IReadOnlyList<Annex> OfCase = [ApplicationReport, EvidenceList, MergerReport, SharedManufacturingReport, CountyCertificate, Declaration];

    public static Annex? Find(string key) => key == RecommendationReport.Key ? RecommendationReport : OfCase.FirstOrDefault(a => a.Key == key);

    /// <summary>Why the annex does not apply to the case, or null when it does (6 and 7 only when claimed, 8 after county review data).</summary>
    public static string? NotApplicable(Annex annex, JsonObject variables)
    {
        var application = variables["application"] as JsonObject;
        if (application is null)
        {
            return "该案件尚未填写申报表，无法生成填写版文件。";
        }
        if (annex == MergerReport && !IsTrue(application["claimsMerger"]))
        {
            return "该企业未申报并购（兼并）重组情况，不适用附件6。";
        }
        if (annex == SharedManufacturingReport && !IsTrue(application["claimsSharedManufacturing"]))
        {
            return "该企业未申报“共享智造”情况，不适用附件7。";
        }
        return null;
    }

    public static IEnumerable<Annex> ApplicableTo(JsonObject variables) => OfCase.Where(a => NotApplicable(a, variables) is null);

    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}

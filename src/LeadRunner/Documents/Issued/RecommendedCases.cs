using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// The cases a reporting unit recommends to the province, in its rank order: recognition cases of the unit that
/// carry a city rank (<c>cityRecommendation.rank</c> or <c>cityRank</c>) or have moved past city review, not rejected.
/// Shared by annex 3 and the submission package so both list the same enterprises in the same order.
/// </summary>
public static class RecommendedCases
{
    public const string Definition = "recognition";

    /// <summary>Steps that come after the city's recommendation in the recognition workflow.</summary>
    private static readonly string[] PastCityReview = ["provinceReview", "shortlisted", "publicity", "approved"];

    public sealed record Entry(long CaseId, int EnterpriseId, string EnterpriseName, int? Rank, int? Year);

    /// <summary>Recommended cases of the unit for the year (the latest year with any when null), ranked; nothing else is loaded.</summary>
    public static async Task<(int? Year, IReadOnlyList<Entry> Cases)> ListAsync(LeadRunnerDb db, string unitCode, int? year, CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == Definition && i.EnterpriseId != null && i.Enterprise!.County!.UnitCode == unitCode
                && (i.Outcome == null || i.Outcome != "rejected"))
            .Select(i => new { i.Id, EnterpriseId = i.EnterpriseId!.Value, i.Enterprise!.Name, i.CurrentStep, i.VariablesJson })
            .ToListAsync(cancellationToken);
        var entries = new List<Entry>();
        foreach (var row in rows)
        {
            // Only the two small numbers are kept; the variables document is dropped right away.
            var variables = ParseObject(row.VariablesJson);
            var rank = Rank(variables);
            if (rank is null && !PastCityReview.Contains(row.CurrentStep))
            {
                continue;
            }
            entries.Add(new Entry(row.Id, row.EnterpriseId, row.Name, rank, WholeNumber(variables?["year"])));
        }
        var chosenYear = year ?? entries.Max(e => e.Year);
        var ranked = entries.Where(e => e.Year == chosenYear)
            .OrderBy(e => e.Rank ?? int.MaxValue).ThenBy(e => e.EnterpriseName, StringComparer.Ordinal).ThenBy(e => e.CaseId)
            .ToList();
        return (chosenYear, ranked);
    }

    public static int? Rank(JsonObject? variables) =>
        WholeNumber(variables?["cityRecommendation"]?["rank"]) ?? WholeNumber(variables?["cityRank"]);

    public static JsonObject? ParseObject(string? json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static int? WholeNumber(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<decimal>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d
        : value.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p
        : null
        : null;
}

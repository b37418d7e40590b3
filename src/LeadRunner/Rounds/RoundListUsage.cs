using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// Whether entries an administrator removes from a year's lists are still used: an industry by an enterprise or a
/// cluster, any entry by an application submitted in that year's round. Used entries may only be retired, so that
/// no case is left holding a value its round no longer knows.
/// </summary>
public sealed class RoundListUsage(LeadRunnerDb db)
{
    /// <summary>The forms whose data are applications: they carry industry, partners[].relation and specialConditions[].category.</summary>
    public static readonly IReadOnlyList<string> ApplicationForms = ["application", "pool-entry"];

    /// <summary>One error per removed entry still in use, at the list's JSON path; empty when the change may be saved.</summary>
    public async Task<IReadOnlyList<(string Path, string Message)>> RemovedInUseAsync(RoundListSet before, RoundListSet after, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var industries = before.Industries.Select(i => i.Name).Except(after.Industries.Select(i => i.Name)).ToList();
        var categories = before.SpecialCategories.Select(c => c.Key).Except(after.SpecialCategories.Select(c => c.Key)).ToList();
        var relations = before.PartnerRelations.Select(r => r.Name).Except(after.PartnerRelations.Select(r => r.Name)).ToList();
        if (industries.Count + categories.Count + relations.Count == 0)
        {
            return [];
        }
        // Unfiltered: a county officer's view must not hide a use elsewhere in the province.
        var enterprises = await db.Enterprises.IgnoreQueryFilters().Where(e => industries.Contains(e.IndustryCategory))
            .GroupBy(e => e.IndustryCategory).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var clusters = await db.Clusters.Where(c => industries.Contains(c.IndustryCategory))
            .GroupBy(c => c.IndustryCategory).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var applications = await ApplicationsAsync(before.Year, ct);

        var errors = new List<(string, string)>();
        void Check(string path, string label, string value, int enterpriseCount, int clusterCount, int applicationCount)
        {
            var uses = new[]
            {
                enterpriseCount > 0 ? $"{enterpriseCount} 家企业" : null,
                clusterCount > 0 ? $"{clusterCount} 个特色产业集群" : null,
                applicationCount > 0 ? $"{applicationCount} 份 {before.Year} 年度申报" : null,
            }.OfType<string>().ToList();
            if (uses.Count > 0)
            {
                errors.Add((path, $"{label}“{value}”仍被{string.Join("、", uses)}使用，不能删除；不再使用的请勾选“停用”，停用后不再作为新的选择项。"));
            }
        }
        foreach (var name in industries)
        {
            Check("$.industries", "行业", name, enterprises.GetValueOrDefault(name), clusters.GetValueOrDefault(name),
                applications.Count(a => Text(a["industry"]) == name));
        }
        foreach (var key in categories)
        {
            Check("$.specialCategories", "专项条件类别", key, 0, 0, applications.Count(a => Rows(a, "specialConditions").Any(r => Text(r["category"]) == key)));
        }
        foreach (var name in relations)
        {
            Check("$.partnerRelations", "合作关系", name, 0, 0, applications.Count(a => Rows(a, "partners").Any(r => Text(r["relation"]) == name)));
        }
        return errors;
    }

    /// <summary>
    /// The application data submitted in the year's round: in a case, by the case's year; a form submitted on its
    /// own belongs to the year (Beijing time) it was submitted in.
    /// </summary>
    private async Task<List<JsonObject>> ApplicationsAsync(int year, CancellationToken ct)
    {
        var rows = await db.FormSubmissions.IgnoreQueryFilters().AsNoTracking().Where(s => ApplicationForms.Contains(s.FormKey))
            .Select(s => new { s.Subject, s.DataJson, s.CreatedAt }).ToListAsync(ct);
        var caseIds = rows.Select(r => CaseId(r.Subject)).OfType<long>().Distinct().ToList();
        var caseYears = (await db.WorkflowInstances.IgnoreQueryFilters().AsNoTracking().Where(i => caseIds.Contains(i.Id))
            .Select(i => new { i.Id, i.VariablesJson }).ToListAsync(ct))
            .ToDictionary(i => i.Id, i => Workflow.Runtime.CaseYear.Of(JsonNode.Parse(i.VariablesJson)));
        return [.. rows
            .Where(r => (CaseId(r.Subject) is { } id ? caseYears.GetValueOrDefault(id) : r.CreatedAt.ToChina().Year) == year)
            .Select(r => JsonNode.Parse(r.DataJson) as JsonObject).OfType<JsonObject>()];
    }

    private static long? CaseId(string subject) =>
        subject.StartsWith("workflow:", StringComparison.Ordinal) && long.TryParse(subject.AsSpan("workflow:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static IEnumerable<JsonObject> Rows(JsonObject data, string key) => (data[key] as JsonArray ?? []).OfType<JsonObject>();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

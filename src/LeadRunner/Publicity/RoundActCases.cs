using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Publicity;

/// <summary>A case of a round as the collective acts (公示, final list) see it.</summary>
public sealed record ActCase(long Id, string Step, InstanceStatus Status, string Enterprise, string Uscc, string Unit, string County, string Cluster, JsonObject Variables)
{
    /// <summary>The 公示 the case was announced in (variable <c>publicity</c>).</summary>
    public int? PublicityId => Variables["publicity"]?["id"] is JsonValue v && v.TryGetValue<int>(out var id) ? id : null;

    /// <summary>A row of the 公示 and final-list templates: { name, unit, county, cluster }.</summary>
    public JsonObject TemplateRow() => new() { ["name"] = Enterprise, ["unit"] = Unit, ["county"] = County, ["cluster"] = Cluster };
}

public static class RoundActCases
{
    /// <summary>
    /// A 公示 or final list from the round's pinned template (<paramref name="template"/>), as a site item's body:
    /// <paramref name="publicity"/> (start, end, issuedAt) gets the cases as its <c>list</c>.
    /// </summary>
    public static string Announcement(Documents.DocumentRenderer renderer, Rounds.RoundDirectory rounds, string template, JsonObject settings, int year,
        IEnumerable<ActCase> cases, JsonObject publicity)
    {
        var programme = settings.DeepClone().AsObject();
        programme["year"] = year;
        publicity["list"] = new JsonArray([.. cases.Select(c => (JsonNode)c.TemplateRow())]);
        var data = new Documents.DocumentData { Programme = programme, Publicity = publicity };
        return Documents.SiteBody.From(renderer.Render(template, data, version: rounds.TemplateVersion(year, template)));
    }

    /// <summary>The round's cases with these ids (or all of them), in the order asked for, each with its enterprise.</summary>
    public static async Task<List<ActCase>> LoadAsync(LeadRunnerDb db, int year, IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        var query = db.WorkflowInstances.AsNoTracking().Where(i => i.RoundYear == year && i.EnterpriseId != null);
        if (ids is not null)
        {
            query = query.Where(i => ids.Contains(i.Id));
        }
        var rows = await query
            .Select(i => new
            {
                i.Id, i.CurrentStep, i.Status, i.VariablesJson, i.Enterprise!.Name, i.Enterprise.Uscc,
                Unit = i.Enterprise.County!.Unit!.Name, County = i.Enterprise.County.Name, Cluster = i.Enterprise.Cluster!.Name,
            })
            .ToListAsync(ct);
        var cases = rows.Select(r => new ActCase(r.Id, r.CurrentStep, r.Status, r.Name, r.Uscc, r.Unit, r.County, r.Cluster,
            JsonNode.Parse(r.VariablesJson) as JsonObject ?? [])).ToList();
        return ids is null ? [.. cases.OrderBy(c => c.Id)] : [.. ids.Select(id => cases.FirstOrDefault(c => c.Id == id)).OfType<ActCase>()];
    }
}

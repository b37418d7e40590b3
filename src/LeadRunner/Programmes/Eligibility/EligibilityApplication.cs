using System.Text.Json;
using LeadRunner.Scripting;
using Scriban.Runtime;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// The figures an enterprise gives for a check (the body of POST /api/eligibility/check, or the application form's
/// data). Amounts are in 万元 for the last full year, as the notice, the application and the self-check ask them;
/// everything is optional here so that what is missing is reported, not guessed.
/// </summary>
public sealed record EligibilityApplication(
    int? Year,
    string? Industry,
    bool? Listed,
    bool? InCultivationPool,
    int? ClusterRank,
    int? ClusterSize,
    decimal? Revenue,
    decimal? RdExpense,
    IReadOnlyList<EligibilityApplication.Partner?>? Partners,
    IReadOnlyList<EligibilityApplication.SpecialClaim?>? SpecialConditions)
{
    /// <summary>An upstream or downstream partner enterprise; only those with <c>inCluster: true</c> count.</summary>
    public sealed record Partner(string? Name, bool? InCluster, string? Relation);

    /// <summary>
    /// A special-condition category claimed, with the qualifying items (titles, lists, awards) held and the evidence
    /// for them: the application form's uploaded files, or any names of documents.
    /// </summary>
    public sealed record SpecialClaim(string? Category, IReadOnlyList<string?>? Items, IReadOnlyList<JsonElement>? Evidence = null);

    /// <summary>
    /// The application as rules see it (<c>app</c>): every field present, absent flags false, blank text null,
    /// frozen so that a rule cannot change what the next rule reads.
    /// </summary>
    public ScriptObject ToScript() => (ScriptObject)ReadOnlyScriptData.From(new Dictionary<string, object?>
    {
        ["year"] = Year,
        ["industry"] = Blank(Industry),
        ["listed"] = Listed ?? false,
        ["inCultivationPool"] = InCultivationPool ?? false,
        ["clusterRank"] = ClusterRank,
        ["clusterSize"] = ClusterSize,
        ["revenue"] = Revenue,
        ["rdExpense"] = RdExpense,
        ["partners"] = (Partners ?? []).OfType<Partner>().Select(p => new Dictionary<string, object?>
        {
            ["name"] = Blank(p.Name),
            ["inCluster"] = p.InCluster ?? false,
            ["relation"] = Blank(p.Relation),
        }).ToList(),
        ["specialConditions"] = (SpecialConditions ?? []).OfType<SpecialClaim>().Select(c => new Dictionary<string, object?>
        {
            ["category"] = Blank(c.Category),
            ["items"] = (c.Items ?? []).Select(Blank).OfType<string>().ToList(),
            ["evidence"] = (c.Evidence ?? []).Select(EvidenceName).OfType<string>().ToList(),
        }).ToList(),
    })!;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static readonly string[] FileNameProperties = ["originalName", "name", "url"];

    // A Form.io file entry is named by the file's original name; a plain string names a document itself.
    private static string? EvidenceName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => Blank(e.GetString()),
        JsonValueKind.Object => FileNameProperties
            .Select(p => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? Blank(v.GetString()) : null).FirstOrDefault(n => n is not null),
        _ => null,
    };
}

using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Runtime;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// A quarter's form opens with the holder's previous filing (its newest submitted quarter before this one), and the
/// case action page shows that filing beside the form ("与上期相比") so that the fields changed from it stand out.
/// </summary>
public sealed class QuarterlyPrefill(QuarterlyFilings filings)
{
    /// <summary>A field of the previous filing: its key, label, value as read, and as stored (JSON, for the page's comparison).</summary>
    public sealed record Row(string Key, string Label, string PreviousText, string PreviousJson);

    public sealed record View(string PeriodTitle, string SubmittedOn, long CaseId, JsonObject Data, IReadOnlyList<Row> Rows);

    /// <summary>The previous filing for a quarterly-update case, or null for another case or the holder's first quarter.</summary>
    public async Task<View?> ForCaseAsync(InstancesApi.InstanceDto c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.DefinitionId != QuarterlyPlanner.Workflow || c.EnterpriseId is not { } enterpriseId
            || !QuarterPeriod.TryParse(c.Variables?["period"]?.ToString(), out var period)
            || await filings.PreviousAsync(enterpriseId, period, ct) is not { } previous)
        {
            return null;
        }
        var rows = previous.Fields.Select(f => new Row(f.Key, f.Label, f.Text, previous.Data[f.Key]?.ToJsonString() ?? "null")).ToList();
        return new View(previous.Period.Title, previous.SubmittedAt.ToChina().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), previous.CaseId,
            previous.Data.DeepClone().AsObject(), rows);
    }
}

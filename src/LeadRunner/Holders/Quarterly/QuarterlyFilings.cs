using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Workflow.Pages.CaseView;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// A holder's quarterly filings: the data of each submitted quarterly-update case (kept in its case variable), read
/// field by field as the form labels them, and what changed from one filing to the next. The newest filing before a
/// quarter is what that quarter's form opens with. Reads through the query filters, so each sees only what is in scope.
/// </summary>
public sealed partial class QuarterlyFilings(LeadRunnerDb db, FormDefinitions forms)
{
    public const string FormKey = "quarterly-update";
    public const string SubmittedOutcome = "submitted";

    /// <summary>A filled field: its form key, its label and its value as read (units, option labels).</summary>
    public sealed record Field(string Key, string Label, string Text);
    public sealed record Change(string Key, string Label, string? Before, string? After);

    public sealed record Filing(long CaseId, QuarterPeriod Period, DateTimeOffset SubmittedAt, JsonObject Data, IReadOnlyList<Field> Fields)
    {
        /// <summary>What changed since the filing before it (empty for the first).</summary>
        public IReadOnlyList<Change> Changes { get; init; } = [];
        public bool IsFirst { get; init; }
    }

    /// <summary>Every filing of the enterprise, oldest quarter first, each with its changes from the one before.</summary>
    public async Task<IReadOnlyList<Filing>> OfEnterpriseAsync(int enterpriseId, CancellationToken ct)
    {
        var cases = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.EnterpriseId == enterpriseId && i.DefinitionId == QuarterlyPlanner.Workflow && i.Status == InstanceStatus.Completed && i.Outcome == SubmittedOutcome)
            .Select(i => new { i.Id, i.VariablesJson, i.EndedAt, i.StartedAt }).ToListAsync(ct);
        var form = await forms.ForRoundAsync(db, FormKey, null, ct);
        var reading = form is null ? null : FormReading.For(form.Json, new Dictionary<Guid, FileLink>());
        var filings = new List<Filing>();
        foreach (var c in cases)
        {
            var variables = JsonNode.Parse(c.VariablesJson) as JsonObject;
            if (!QuarterPeriod.TryParse(variables?["period"]?.ToString(), out var period) || variables?[CaseForms.VariableFor(FormKey)] is not JsonObject data)
            {
                continue;
            }
            filings.Add(new Filing(c.Id, period, c.EndedAt ?? c.StartedAt, data, form is null ? [] : Read(form.Definition, reading!, data)));
        }
        // A quarter filed twice (a case started again by hand) counts by its newest filing.
        var ordered = filings.GroupBy(f => f.Period).Select(g => g.MaxBy(f => f.SubmittedAt)!)
            .OrderBy(f => f.Period.Year).ThenBy(f => f.Period.Quarter).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i] = i == 0 ? ordered[i] with { IsFirst = true } : ordered[i] with { Changes = Compare(ordered[i - 1].Fields, ordered[i].Fields) };
        }
        return ordered;
    }

    /// <summary>The fields the form shows for the data, in the form's order, each read as the case page reads it.</summary>
    public static IReadOnlyList<Field> Read(FormDefinition form, FormReading reading, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(reading);
        var texts = reading.Read(form, data).SelectMany(s => s.Items).Where(i => i.Value is not null)
            .GroupBy(i => i.Label).ToDictionary(g => g.Key, g => g.First().Value!.Text);
        return [.. Leaves(form.Components).Select(c => (c.Key!, Label: Clean(c.Label)))
            .Where(c => texts.ContainsKey(c.Label)).Select(c => new Field(c.Item1, c.Label, texts[c.Label]))];
    }

    /// <summary>The form's input fields (not panels, columns or buttons), in order.</summary>
    public static IEnumerable<FormComponent> Leaves(IEnumerable<FormComponent> components) => components.SelectMany(c =>
        c.Kind == ComponentKind.Field ? (c.Key is null || c.Type == "button" ? [] : [c]) : Leaves(c.Children));

    private static string Clean(string label) => System.Net.WebUtility.HtmlDecode(Tags().Replace(label, "")).Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    /// <summary>The newest filing of a quarter before <paramref name="period"/>, or null when there is none.</summary>
    public async Task<Filing?> PreviousAsync(int enterpriseId, QuarterPeriod period, CancellationToken ct) =>
        (await OfEnterpriseAsync(enterpriseId, ct)).LastOrDefault(f => (f.Period.Year, f.Period.Quarter).CompareTo((period.Year, period.Quarter)) < 0);

    /// <summary>Fields whose text differs, in the newer filing's order, then those only the older one had.</summary>
    public static IReadOnlyList<Change> Compare(IReadOnlyList<Field> before, IReadOnlyList<Field> after)
    {
        var old = before.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Text);
        var now = after.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Text);
        var changes = after.Where(f => old.GetValueOrDefault(f.Key) != f.Text).Select(f => new Change(f.Key, f.Label, old.GetValueOrDefault(f.Key), f.Text)).ToList();
        changes.AddRange(before.Where(f => !now.ContainsKey(f.Key)).Select(f => new Change(f.Key, f.Label, f.Text, null)));
        return changes;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// GET /api/rounds/{year}/export: the round as one file — settings, the pinned versions (a draft's newest ones) in
/// full, the rule set at its version and the calendar of every year its dates name.
/// </summary>
public sealed class RoundExport(LeadRunnerDb db, EligibilityRuleSet ruleSet, TimeProvider clock)
{
    public static string FileName(int year) => string.Create(CultureInfo.InvariantCulture, $"{year}年度批次.round.json");

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(int year, RoundExport export, Audit.AuditLog audit, LeadRunnerDb db, CancellationToken ct)
    {
        if (await export.BuildAsync(year, ct) is not { } bundle)
        {
            return ApiProblems.NotFound($"{year} 年度批次不存在。");
        }
        audit.Record("导出年度批次", FileName(year), kind: Audit.AuditKinds.Export);
        await db.SaveChangesAsync(ct);
        return TypedResults.File(bundle.ToBytes(), "application/json", FileName(year));
    }

    public async Task<RoundBundle?> BuildAsync(int year, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year, ct);
        if (round is null || programme is null)
        {
            return null;
        }
        var pins = round.PinsJson is null ? await LatestVersions.ReadAsync(db, ct) : RoundPins.FromJson(round.PinsJson);
        var workflows = await WorkflowsAsync(pins.Workflows, ct);
        var forms = await FormsAsync(pins.Forms, ct);
        var templates = await TemplatesAsync(pins.Templates, ct);
        var rules = pins.RulesVersion is { } version ? new RoundBundle.RulesPart(version, RulesAt(version)) : null;
        var years = ProgrammeStore.YearsNamed(programme.SettingsJson).Append(year).Distinct().Order();
        var calendar = new List<RoundBundle.CalendarYearPart>();
        foreach (var y in years.Where(CalendarDates.IsEditableYear))
        {
            var days = await CalendarYearsApi.LoadAsync(db, y, ct);
            // A year with no stored special days is unknown here, not "no holidays": it is left out.
            if (days.Holidays.Count + days.AdjustedWorkdays.Count > 0)
            {
                calendar.Add(new RoundBundle.CalendarYearPart(y, Sorted(days.Holidays), Sorted(days.AdjustedWorkdays)));
            }
        }
        return new RoundBundle(RoundBundle.FormatName, RoundBundle.CurrentSchemaVersion, new RoundBundle.RoundPart(round.Year, round.Title),
            JsonNode.Parse(programme.SettingsJson)!.AsObject(),
            new RoundBundle.PinsPart(Sorted(pins.Workflows), Sorted(pins.Forms), Sorted(pins.Templates), pins.RulesVersion),
            workflows, forms, templates, rules, calendar)
        {
            // Whole seconds: the time is for people; nothing compares it.
            ExportedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds()),
        };
    }

    private async Task<List<RoundBundle.WorkflowPart>> WorkflowsAsync(Dictionary<string, int> pins, CancellationToken ct) =>
        [.. (await PinnedAsync(WorkflowKind.Kind, pins, ct)).Select(r => new RoundBundle.WorkflowPart(r.Key, r.Version!.Value, r.Title, JsonNode.Parse(r.Content)!.AsObject()))];

    private async Task<List<RoundBundle.FormPart>> FormsAsync(Dictionary<string, int> pins, CancellationToken ct) =>
        [.. (await PinnedAsync(FormKind.Kind, pins, ct)).Select(r => new RoundBundle.FormPart(r.Key, r.Version!.Value, r.Title, JsonNode.Parse(r.Content)!.AsObject()))];

    /// <summary>The pinned text of each template with its current title, annex, data and blank flag (those are not versioned).</summary>
    private async Task<List<RoundBundle.TemplatePart>> TemplatesAsync(Dictionary<string, int> pins, CancellationToken ct)
    {
        var keys = pins.Keys.ToList();
        var templates = await db.DocumentTemplates.AsNoTracking().Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, ct);
        return [.. (await PinnedAsync(TemplateKind.Kind, pins, ct)).Where(t => templates.ContainsKey(t.Key)).Select(t => (Text: t, Template: templates[t.Key]))
            .Select(p => new RoundBundle.TemplatePart(p.Text.Key, p.Text.Version!.Value, p.Template.Title, p.Template.Annex,
                p.Template.Binds.Split(',', StringSplitOptions.RemoveEmptyEntries), p.Template.HasBlank, p.Text.Content))];
    }

    /// <summary>The pinned version of each artifact of a kind, in key order.</summary>
    private async Task<List<ArtifactVersion>> PinnedAsync(string kind, Dictionary<string, int> pins, CancellationToken ct)
    {
        var keys = pins.Keys.ToList();
        var rows = await db.ArtifactVersions.AsNoTracking().Of(kind).Numbered().Where(v => keys.Contains(v.Key)).ToListAsync(ct);
        return [.. rows.Where(r => pins[r.Key] == r.Version).OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>The rule set at a version, in the guideline's order.</summary>
    private List<RuleDefinition> RulesAt(int version) => [.. ruleSet.AtVersion(version).Select(r => r.Definition)];

    private static SortedDictionary<string, T> Sorted<T>(IReadOnlyDictionary<string, T> items) => new(items.ToDictionary(), StringComparer.Ordinal);
}

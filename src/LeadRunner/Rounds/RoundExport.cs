using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Workflow.Calendar;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// GET /api/rounds/{year}/export: the round as one file — settings, the pinned versions (a draft's newest ones) in
/// full, the rule set at its version and the calendar of every year its dates name.
/// </summary>
public sealed class RoundExport(LeadRunnerDb db, TimeProvider clock)
{
    public static string FileName(int year) => string.Create(CultureInfo.InvariantCulture, $"{year}年度批次.round.json");

    public static async Task<IResult> Download(int year, RoundExport export, CancellationToken ct) =>
        await export.BuildAsync(year, ct) is { } bundle
            ? TypedResults.File(bundle.ToBytes(), "application/json", FileName(year))
            : ApiProblems.NotFound($"{year} 年度批次不存在。");

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
        var rules = pins.RulesVersion is { } version ? new RoundBundle.RulesPart(version, await RulesAtAsync(version, ct)) : null;
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

    private async Task<List<RoundBundle.WorkflowPart>> WorkflowsAsync(Dictionary<string, int> pins, CancellationToken ct)
    {
        var ids = pins.Keys.ToList();
        var rows = await db.WorkflowVersions.AsNoTracking().Where(v => ids.Contains(v.DefinitionId) && v.Version != null)
            .Select(v => new { v.DefinitionId, Version = v.Version!.Value, v.Title, v.Json }).ToListAsync(ct);
        return [.. rows.Where(r => pins[r.DefinitionId] == r.Version).OrderBy(r => r.DefinitionId, StringComparer.Ordinal)
            .Select(r => new RoundBundle.WorkflowPart(r.DefinitionId, r.Version, r.Title, JsonNode.Parse(r.Json)!.AsObject()))];
    }

    private async Task<List<RoundBundle.FormPart>> FormsAsync(Dictionary<string, int> pins, CancellationToken ct)
    {
        var keys = pins.Keys.ToList();
        var rows = await db.FormVersions.AsNoTracking().Where(v => keys.Contains(v.FormKey) && v.Version != null)
            .Select(v => new { v.FormKey, Version = v.Version!.Value, v.Title, v.Json }).ToListAsync(ct);
        return [.. rows.Where(r => pins[r.FormKey] == r.Version).OrderBy(r => r.FormKey, StringComparer.Ordinal)
            .Select(r => new RoundBundle.FormPart(r.FormKey, r.Version, r.Title, JsonNode.Parse(r.Json)!.AsObject()))];
    }

    /// <summary>The pinned text of each template with its current title, annex, data and blank flag (those are not versioned).</summary>
    private async Task<List<RoundBundle.TemplatePart>> TemplatesAsync(Dictionary<string, int> pins, CancellationToken ct)
    {
        var keys = pins.Keys.ToList();
        var templates = await db.DocumentTemplates.AsNoTracking().Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, ct);
        var texts = await db.DocumentTemplateVersions.AsNoTracking().Where(v => keys.Contains(v.Key))
            .Select(v => new { v.Key, v.Version, v.Text }).ToListAsync(ct);
        return [.. texts.Where(t => pins[t.Key] == t.Version && templates.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (Text: t, Template: templates[t.Key]))
            .Select(p => new RoundBundle.TemplatePart(p.Text.Key, p.Text.Version, p.Template.Title, p.Template.Annex,
                p.Template.Binds.Split(',', StringSplitOptions.RemoveEmptyEntries), p.Template.HasBlank, p.Text.Text))];
    }

    /// <summary>The rule set at a version: each rule's newest stored version numbered up to it, in the guideline's order.</summary>
    public async Task<List<RuleDefinition>> RulesAtAsync(int version, CancellationToken ct = default)
    {
        var rows = await db.EligibilityRuleVersions.AsNoTracking().Where(v => v.Id <= version)
            .Select(v => new { v.Id, v.RuleId, v.Json }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.RuleId).Select(g => JsonSerializer.Deserialize<RuleDefinition>(g.MaxBy(r => r.Id)!.Json, RuleDefinition.JsonOptions)!)
            .OrderBy(r => RuleGroups.Order(r.Group)).ThenBy(r => r.SortOrder).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    private static SortedDictionary<string, T> Sorted<T>(IReadOnlyDictionary<string, T> items) => new(items.ToDictionary(), StringComparer.Ordinal);
}

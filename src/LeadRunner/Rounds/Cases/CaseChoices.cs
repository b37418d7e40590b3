using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds.Cases;

/// <summary>
/// What a work list can be filtered by, for the actor: the round's steps and outcomes (from its workflow version,
/// so a changed step list needs no code change), and the units and counties of the actor's own region, by name.
/// </summary>
public sealed record CaseChoices(int Year, string RoundTitle, WorkflowDefinition Workflow, IReadOnlyDictionary<string, string> Steps,
    IReadOnlyDictionary<string, string> Statuses, IReadOnlyDictionary<string, string> Units, IReadOnlyDictionary<string, string> Counties,
    IReadOnlyDictionary<string, string> CountyNames)
{
    public const string DefinitionId = "recognition";
    public const string Running = "running";

    /// <summary>The choices for a round the actor may see, or null when there is no such round (or it is a draft hidden from them).</summary>
    public static async Task<CaseChoices?> LoadAsync(int year, LeadRunnerDb db, RoundDirectory rounds, DefinitionCache definitions,
        System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (rounds.Find(year) is not { } round || rounds.HiddenFrom(year, user))
        {
            return null;
        }
        var version = rounds.WorkflowVersion(year, DefinitionId) ?? await DefinitionCache.CurrentVersionAsync(db, DefinitionId);
        if (version is null || await definitions.GetAsync(db, DefinitionId, version.Value) is not { } workflow)
        {
            return null;
        }
        var steps = workflow.Steps.ToDictionary(s => s.Id, s => s.Title.Length > 0 ? s.Title : s.Id, StringComparer.Ordinal);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal) { [Running] = "办理中" };
        foreach (var end in workflow.Steps.Where(s => s.Kind == StepKind.Terminal && s.Outcome is not null))
        {
            statuses.TryAdd(end.Outcome!, end.Title);
        }

        // Reference data is not scoped by the filters; the actor's own region is narrowed here, the cases by the DbContext.
        var scope = db.Scope;
        var counties = await db.Counties.AsNoTracking()
            .Where(c => scope.SeesAll || c.Code == scope.CountyCode || c.UnitCode == scope.UnitCode)
            .OrderBy(c => c.Unit!.SortOrder).ThenBy(c => c.Code)
            .Select(c => new { c.Code, c.Name, c.CityName, c.UnitCode }).ToListAsync(ct);
        var unitCodes = counties.Select(c => c.UnitCode).Distinct().ToList();
        var units = await db.ReportingUnits.AsNoTracking().Where(u => unitCodes.Contains(u.Code)).OrderBy(u => u.SortOrder)
            .Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        return new CaseChoices(year, round.Title, workflow, steps, statuses,
            units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal),
            counties.ToDictionary(c => c.Code, c => c.Name.StartsWith(c.CityName, StringComparison.Ordinal) ? c.Name : c.CityName + c.Name, StringComparer.Ordinal),
            counties.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal));
    }

    public string StepTitle(string step) => Steps.TryGetValue(step, out var title) ? title : step;

    public string StatusLabel(string status) => Statuses.TryGetValue(status, out var label) ? label : "已办结";

    public string UnitName(string code) => Units.TryGetValue(code, out var name) ? name : code;

    public string CountyName(string code) => CountyNames.TryGetValue(code, out var name) ? name : code;

    public static string EligibleLabel(bool? eligible) => CaseFilter.EligibleValues[eligible switch { true => "true", false => "false", null => "unknown" }];

    /// <summary>A deadline is the start of the day after the last day; people read the last day (Beijing time).</summary>
    public static string? LastDay(DateTimeOffset? due) =>
        due?.AddSeconds(-1).ToChina().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A case's status key: running, or the outcome it ended with.</summary>
    public static string StatusOf(InstanceStatus status, string? outcome) => status == InstanceStatus.Running ? Running : outcome ?? "completed";
}

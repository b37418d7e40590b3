using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds.Dashboard;

/// <summary>
/// The numbers of one round's recognition cases that the current actor may see (the DbContext's query filters decide):
/// cases per step and unit, the eligibility verdicts per rule, special conditions claimed, time spent per step from
/// the journal, and overdue tasks. Steps come from the workflow definitions the cases run on, never a fixed list.
/// </summary>
public sealed class RoundStats(LeadRunnerDb db, DefinitionCache definitions, RoundDirectory rounds, TimeProvider clock)
{
    public const string Workflow = "recognition";

    public sealed record StepInfo(string Id, string Title, bool Terminal);
    public sealed record UnitCount(string UnitCode, string UnitName, int Total, IReadOnlyDictionary<string, int> ByStep);

    /// <summary>One rule's verdicts; <c>Judgement</c> is the rule's kind (basic/special), <c>NeedsJudgement</c> the verdicts left to a reviewer.</summary>
    public sealed record RuleCount(string Id, string Title, string Judgement, string JudgementTitle, int Pass, int Fail, int NeedsJudgement, int Errors);

    /// <summary>A special-condition category: cases claiming it in the application, and cases whose verdict found it met.</summary>
    public sealed record CategoryCount(string Category, int Claimed, int Met);

    /// <summary>Days between entering and leaving a step, in calendar days (自然日), over the stays that have ended.</summary>
    public sealed record StepDuration(string StepId, string Title, int Stays, double AverageDays, double MedianDays);
    public sealed record OverdueUnit(string UnitCode, string UnitName, int Count);
    public sealed record OverdueTask(long TaskId, long CaseId, string Enterprise, string Uscc, string UnitCode, string UnitName, string CountyName,
        string StepId, string StepTitle, DateTimeOffset DueAt, int DaysOverdue);

    public sealed record Report(int Year, int Total, IReadOnlyDictionary<string, int> ByStep, IReadOnlyList<UnitCount> ByUnit, IReadOnlyList<RuleCount> Rules,
        IReadOnlyList<StepInfo> Steps, int Eligible, int Ineligible, int Unchecked, IReadOnlyList<CategoryCount> SpecialCategories,
        IReadOnlyList<StepDuration> Durations, IReadOnlyList<OverdueUnit> OverdueByUnit, IReadOnlyList<OverdueTask> Overdue)
    {
        public string DurationUnit => "自然日";
    }

    private sealed record CaseRow(long Id, int Version, string CurrentStep, string VariablesJson, string UnitCode);

    /// <summary>The round's report, or null when the year has no round.</summary>
    public async Task<Report?> ReadAsync(int year, CancellationToken ct)
    {
        if (rounds.Find(year) is null)
        {
            return null;
        }
        var scoped = db.WorkflowInstances.Where(i => i.RoundYear == year && i.DefinitionId == Workflow);
        var cases = await scoped.AsNoTracking()
            .Select(i => new CaseRow(i.Id, i.Version, i.CurrentStep, i.VariablesJson, i.Enterprise!.County!.UnitCode))
            .ToListAsync(ct);
        var steps = await StepsAsync(year, cases.Select(c => c.Version).Distinct(), ct);
        var units = await UnitsAsync(ct);
        var unitNames = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);

        var byStep = Count(cases, steps);
        var byUnit = units.Select(u => u.Code).Union(cases.Select(c => c.UnitCode))
            .Select(code => (code, rows: cases.Where(c => c.UnitCode == code).ToList()))
            .Select(u => new UnitCount(u.code, unitNames.GetValueOrDefault(u.code, u.code), u.rows.Count, Count(u.rows, steps)))
            .ToList();

        var verdicts = cases.Select(c => JsonNode.Parse(c.VariablesJson) as JsonObject ?? []).ToList();
        var (rules, eligible, ineligible, unchecked_) = Rules(verdicts);
        var categories = await CategoriesAsync(verdicts, ct);
        var durations = await DurationsAsync(scoped, steps, ct);
        var overdue = await OverdueAsync(scoped, steps, unitNames, ct);
        var overdueByUnit = overdue.GroupBy(t => t.UnitCode)
            .Select(g => new OverdueUnit(g.Key, unitNames.GetValueOrDefault(g.Key, g.Key), g.Count()))
            .OrderByDescending(u => u.Count).ToList();
        return new Report(year, cases.Count, byStep, byUnit, rules, steps, eligible, ineligible, unchecked_, categories, durations, overdueByUnit, overdue);
    }

    /// <summary>Every step of the versions the cases run on (the round's version when there are none yet), in definition order.</summary>
    private async Task<IReadOnlyList<StepInfo>> StepsAsync(int year, IEnumerable<int> versions, CancellationToken ct)
    {
        var wanted = versions.OrderDescending().ToList();
        if (wanted.Count == 0 && (rounds.WorkflowVersion(year, Workflow) ?? await DefinitionCache.CurrentVersionAsync(db, Workflow)) is { } current)
        {
            wanted.Add(current);
        }
        var steps = new List<StepInfo>();
        foreach (var version in wanted)
        {
            var definition = await definitions.GetAsync(db, Workflow, version);
            foreach (var step in definition?.Steps ?? [])
            {
                if (steps.All(s => s.Id != step.Id))
                {
                    steps.Add(new StepInfo(step.Id, step.Title, step.Kind == StepKind.Terminal));
                }
            }
        }
        return steps;
    }

    /// <summary>The reporting units in the actor's scope: all for the province, the own unit for a city or a county.</summary>
    private async Task<List<(string Code, string Name)>> UnitsAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        var countyUnit = scope.CountyCode is { } county ? await db.Counties.Where(c => c.Code == county).Select(c => c.UnitCode).FirstOrDefaultAsync(ct) : null;
        var units = await db.ReportingUnits.AsNoTracking()
            .Where(u => scope.SeesAll || u.Code == scope.UnitCode || u.Code == countyUnit)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        return units.Select(u => (u.Code, u.Name)).ToList();
    }

    private static Dictionary<string, int> Count(IEnumerable<CaseRow> cases, IReadOnlyList<StepInfo> steps)
    {
        var counts = steps.ToDictionary(s => s.Id, _ => 0, StringComparer.Ordinal);
        foreach (var c in cases)
        {
            counts[c.CurrentStep] = counts.GetValueOrDefault(c.CurrentStep) + 1;
        }
        return counts;
    }

    /// <summary>Counts each rule's results over the stored verdicts (the <c>eligibility</c> variable set on submission).</summary>
    private static (List<RuleCount> Rules, int Eligible, int Ineligible, int Unchecked) Rules(IEnumerable<JsonObject> variables)
    {
        var rules = new Dictionary<string, RuleCount>(StringComparer.Ordinal);
        int eligible = 0, ineligible = 0, unchecked_ = 0;
        foreach (var vars in variables)
        {
            if (vars["eligibility"] is not JsonObject verdict || verdict["eligible"] is not JsonValue flag || !flag.TryGetValue<bool>(out var isEligible))
            {
                unchecked_++;
                continue;
            }
            _ = isEligible ? eligible++ : ineligible++;
            foreach (var rule in (verdict["rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var id = Text(rule["id"]);
                if (id is null)
                {
                    continue;
                }
                var group = Text(rule["group"]) ?? "";
                var count = rules.GetValueOrDefault(id)
                    ?? new RuleCount(id, Text(rule["title"]) ?? id, group, RuleGroups.Titles.GetValueOrDefault(group, group), 0, 0, 0, 0);
                rules[id] = Text(rule["result"]) switch
                {
                    EligibilityEvaluator.Pass => count with { Pass = count.Pass + 1 },
                    EligibilityEvaluator.Fail => count with { Fail = count.Fail + 1 },
                    EligibilityEvaluator.Judgement => count with { NeedsJudgement = count.NeedsJudgement + 1 },
                    _ => count with { Errors = count.Errors + 1 },
                };
            }
        }
        // Basic rules first, as the notice lists them; the order within a group is the verdict's (the rules' sort order).
        var ordered = rules.Values.OrderBy(r => r.Judgement == RuleGroups.Basic ? 0 : 1).ToList();
        return (ordered, eligible, ineligible, unchecked_);
    }

    /// <summary>
    /// Categories claimed in the application's special conditions, and met per the verdict: a passed special rule
    /// counts for the category it checks (the rules table knows which).
    /// </summary>
    private async Task<List<CategoryCount>> CategoriesAsync(IReadOnlyList<JsonObject> variables, CancellationToken ct)
    {
        var ruleCategories = await db.EligibilityRules.AsNoTracking().Where(r => r.Category != null)
            .Select(r => new { r.Id, r.Category }).ToDictionaryAsync(r => r.Id, r => r.Category!, StringComparer.Ordinal, ct);
        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        var met = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vars in variables)
        {
            var claims = (vars["application"]?["specialConditions"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => Text(c["category"])?.Trim()).OfType<string>().Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal);
            foreach (var category in claims)
            {
                claimed[category] = claimed.GetValueOrDefault(category) + 1;
            }
            var passed = (vars["eligibility"]?["rules"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(r => Text(r["result"]) == EligibilityEvaluator.Pass && Text(r["id"]) is { } id && ruleCategories.ContainsKey(id))
                .Select(r => ruleCategories[Text(r["id"])!]).ToHashSet(StringComparer.Ordinal);
            foreach (var category in passed)
            {
                met[category] = met.GetValueOrDefault(category) + 1;
            }
        }
        return claimed.Keys.Union(met.Keys)
            .Select(c => new CategoryCount(c, claimed.GetValueOrDefault(c), met.GetValueOrDefault(c)))
            .OrderByDescending(c => c.Claimed).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Each stay in a step runs from the journal entry that entered it to the one that left it (an entry that stays in
    /// the same step, e.g. a reassignment, is not a stay). Stays still open are left out: they have no length yet.
    /// </summary>
    private async Task<List<StepDuration>> DurationsAsync(IQueryable<WorkflowInstance> scoped, IReadOnlyList<StepInfo> steps, CancellationToken ct)
    {
        var entries = await db.Journal.AsNoTracking()
            .Where(j => scoped.Select(i => i.Id).Contains(j.InstanceId))
            .OrderBy(j => j.InstanceId).ThenBy(j => j.Id)
            .Select(j => new { j.InstanceId, j.At, j.FromStep, j.ToStep })
            .ToListAsync(ct);
        var stays = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var history in entries.GroupBy(e => e.InstanceId))
        {
            var entered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var e in history)
            {
                if (e.FromStep == e.ToStep)
                {
                    continue;
                }
                if (e.FromStep is { } from && entered.Remove(from, out var since))
                {
                    (stays.TryGetValue(from, out var list) ? list : stays[from] = []).Add((e.At - since).TotalDays);
                }
                entered[e.ToStep] = e.At;
            }
        }
        return steps.Where(s => stays.ContainsKey(s.Id))
            .Select(s => (step: s, days: stays[s.Id].Order().ToList()))
            .Select(s => new StepDuration(s.step.Id, s.step.Title, s.days.Count, Math.Round(s.days.Average(), 1), Math.Round(Median(s.days), 1)))
            .ToList();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private async Task<List<OverdueTask>> OverdueAsync(IQueryable<WorkflowInstance> scoped, IReadOnlyList<StepInfo> steps,
        Dictionary<string, string> unitNames, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == HumanTaskStatus.Open && t.DueAt != null && t.DueAt < now && scoped.Select(i => i.Id).Contains(t.InstanceId))
            .OrderBy(t => t.DueAt)
            .Select(t => new
            {
                t.Id, t.InstanceId, t.StepId, t.Title, DueAt = t.DueAt!.Value, Enterprise = t.Instance!.Enterprise!.Name, t.Instance.Enterprise.Uscc,
                t.Instance.Enterprise.County!.UnitCode, CountyName = t.Instance.Enterprise.County.Name,
            })
            .ToListAsync(ct);
        var titles = steps.ToDictionary(s => s.Id, s => s.Title, StringComparer.Ordinal);
        return rows.Select(t => new OverdueTask(t.Id, t.InstanceId, t.Enterprise, t.Uscc, t.UnitCode, unitNames.GetValueOrDefault(t.UnitCode, t.UnitCode),
                t.CountyName, t.StepId, titles.GetValueOrDefault(t.StepId, t.Title), t.DueAt, (int)Math.Floor((now - t.DueAt).TotalDays)))
            .ToList();
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

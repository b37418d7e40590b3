using System.Text.Json.Nodes;
using LeadRunner.Programmes.Eligibility;

namespace LeadRunner.Workflow.Pages.CaseView;

/// <summary>
/// The eligibility verdict a case was judged by (its <c>eligibility</c> variable, written when the application was
/// submitted): each rule with its result and explanation, and what the page must flag at the top.
/// </summary>
public sealed record CaseEligibility(bool? Eligible, IReadOnlyList<CaseEligibility.Rule> Rules, IReadOnlyList<string> MissingData)
{
    public const string Variable = "eligibility";

    public sealed record Rule(string Group, string GroupTitle, string Title, string Result, string Verdict, string Explanation);

    /// <summary>Basic rules the application fails: any one of them rules the enterprise out.</summary>
    public IEnumerable<Rule> FailedBasic => Rules.Where(r => r.Group == RuleGroups.Basic && r.Result == EligibilityEvaluator.Fail);

    /// <summary>Rules that could not be judged (a broken rule): the reviewer must decide them by hand.</summary>
    public IEnumerable<Rule> Broken => Rules.Where(r => r.Result == EligibilityEvaluator.Error);

    /// <summary>Special rules were judged and none passed: the guide asks for at least one.</summary>
    public bool NoSpecialPassed => Rules.Any(r => r.Group == RuleGroups.Special)
        && !Rules.Any(r => r.Group == RuleGroups.Special && r.Result == EligibilityEvaluator.Pass);

    public static CaseEligibility? Read(JsonNode? variables)
    {
        if (variables?[Variable] is not JsonObject verdict)
        {
            return null;
        }
        var eligible = verdict["eligible"] is JsonValue e && e.TryGetValue<bool>(out var value) ? value : (bool?)null;
        var rules = (verdict["rules"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => (Group: Text(r, "group"), Title: Text(r, "title"), Result: Text(r, "result"), Explanation: Text(r, "explanation")))
            .OrderBy(r => RuleGroups.Order(r.Group))
            .Select(r => new Rule(r.Group, RuleGroups.Titles.GetValueOrDefault(r.Group, r.Group), r.Title, r.Result,
                EligibilityEvaluator.Verdicts.GetValueOrDefault(r.Result, r.Result), r.Explanation))
            .ToList();
        // A submission whose figures could not be checked keeps the field problems instead of a verdict.
        var missing = (verdict["errors"] as JsonObject ?? []).SelectMany(f => (f.Value as JsonArray ?? []).Select(m => m?.ToString() ?? ""))
            .Where(m => m.Length > 0).ToList();
        return new CaseEligibility(eligible, rules, missing);
    }

    private static string Text(JsonObject o, string name) => o[name]?.ToString() ?? "";
}

using System.Globalization;
using LeadRunner.Scripting;
using Scriban.Runtime;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// Checks one application against the rules and one version of the year's settings. Each rule yields pass, fail,
/// judgement or error with its explanation; a rule that breaks yields "error", never a crash and never a pass.
/// Eligible: every basic rule passes or awaits judgement, and at least one special rule passes.
/// </summary>
public sealed class EligibilityEvaluator(ScriptSandbox scripts, EligibilityRuleSet rules)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Judgement = "judgement";
    public const string Error = "error";

    public static readonly IReadOnlyDictionary<string, string> Verdicts = new Dictionary<string, string>
    {
        [Pass] = "符合",
        [Fail] = "不符合",
        [Judgement] = "需审核人员判断",
        [Error] = "规则出错",
    };

    public sealed record RuleResult(string Id, string Group, string Title, string Result, string Explanation);

    public sealed record Result(bool Eligible, int SettingsVersion, IReadOnlyList<RuleResult> Rules)
    {
        /// <summary>The rule set version the verdict was reached with (the round's pin, or the newest for a draft round).</summary>
        public int? RulesVersion { get; init; }
    }

    /// <summary>Either the field errors of a refused application, or the result.</summary>
    public sealed record Outcome(Dictionary<string, string[]> Errors, Result? Result);

    public Outcome Check(EligibilityApplication application, ProgrammeYear? year)
    {
        var errors = ApplicationChecks.Validate(application, year);
        return errors.Count > 0 ? new Outcome(errors, null) : new Outcome(errors, Evaluate(application.ToScript(), year!));
    }

    /// <summary>
    /// Evaluates the enabled rules on an application already checked; special rules follow the year's categories.
    /// Every category has a rule of its own (<see cref="CategoryRules"/> adds one when a category is added), so a
    /// category without a rule only means none is enabled: it is then not a condition anyone can meet.
    /// </summary>
    public Result Evaluate(ScriptObject app, ProgrammeYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var results = new List<RuleResult>();
        var set = rules.ForYear(year.Year);
        foreach (var rule in set)
        {
            // A disabled rule is no condition; a category the year does not offer is not a condition of that year's round.
            if (!rule.Definition.Enabled || (rule.Definition.Category is { } category && !year.Categories.ContainsKey(category)))
            {
                continue;
            }
            results.Add(Run(rule, app, year));
        }
        // An open round runs on the rule set it pinned: a category added to its settings since has its rule only after a re-pin.
        foreach (var (key, category) in year.Categories.Where(c => !set.Any(r => r.Definition.Category == c.Key)))
        {
            results.Add(new RuleResult($"category-{key}", RuleGroups.Special, category["title"] as string ?? key, Error,
                $"{year.Year} 年度批次固定的认定条件中还没有“{key}”类的规则，请系统管理员在“年度批次”中重新固定认定条件版本。"));
        }
        var eligible = results.Where(r => r.Group == RuleGroups.Basic).All(r => r.Result is Pass or Judgement)
            && results.Any(r => r.Group == RuleGroups.Special && r.Result == Pass);
        return new Result(eligible, year.Version, results) { RulesVersion = rules.VersionForYear(year.Year) };
    }

    /// <summary>Runs one rule, saved or not (the administrator's "try it"), on an application already checked.</summary>
    public RuleResult Run(CompiledRule rule, ScriptObject app, ProgrammeYear year)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(year);
        var d = rule.Definition;
        RuleResult Answer(string result, string explanation) => new(d.Id, d.Group, d.Title, result, explanation);
        if (!rule.Ok)
        {
            return Answer(Error, $"规则有语法错误，无法判断：{rule.Errors[0]}");
        }
        ScriptObject? category = null;
        if (d.Category is { } key && !year.Categories.TryGetValue(key, out category))
        {
            return Answer(Error, $"{year.Year} 年度没有“{key}”类专项条件。");
        }
        var globals = new Dictionary<string, object?>(4) { ["app"] = app, ["settings"] = year.Settings, ["rule"] = rule.Info, ["category"] = category };
        try
        {
            var (value, text) = scripts.EvaluateThenRender(rule.Expression!, rule.Explanation!, globals, v => Describe(d, v));
            return Answer(ResultOf(d, value), text.Trim());
        }
        catch (ScriptFailureException ex)
        {
            return Answer(Error, $"规则运行出错，无法判断：{ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The sandbox maps the failures it knows; anything else is still this rule's error, not the request's.
            return Answer(Error, $"规则运行出错，无法判断：{ScriptMessages.ToChinese(ex)}");
        }
    }

    private static string ResultOf(RuleDefinition rule, object? value) => value switch
    {
        false => Fail,
        true => rule.Judgement ? Judgement : Pass,
        _ => throw new ScriptFailureException($"条件表达式的结果应为 true 或 false，实际为“{Convert.ToString(value, CultureInfo.InvariantCulture) ?? "空值"}”。"),
    };

    /// <summary>What the explanation can read besides the expression's own variables.</summary>
    private static KeyValuePair<string, object?>[] Describe(RuleDefinition rule, object? value)
    {
        var result = ResultOf(rule, value);
        return [new("passed", value is true), new("result", result), new("verdict", Verdicts[result])];
    }
}

using LeadRunner.Data;
using LeadRunner.Scripting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;
using Scriban;
using Scriban.Runtime;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>A rule with its expression and explanation parsed once; <see cref="Errors"/> lists syntax errors with line and column.</summary>
public sealed record CompiledRule(RuleDefinition Definition, Template? Expression, Template? Explanation, IReadOnlyList<ValidationError> Errors, ScriptObject Info)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// The current rules, compiled and held in memory (a few dozen small texts), in the guideline's order;
/// reloaded after an administrator saves.
/// </summary>
public sealed class EligibilityRuleSet
{
    private readonly ScriptSandbox _scripts;
    private readonly Func<IReadOnlyList<RuleDefinition>> _load;
    private readonly Func<int, IReadOnlyList<RuleDefinition>>? _loadVersion;
    private readonly Rounds.RoundDirectory? _rounds;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, IReadOnlyList<CompiledRule>> _versions = new();
    private IReadOnlyList<CompiledRule>? _rules;
    private readonly Func<int?>? _loadCurrentVersion;
    private int? _currentVersion;

    public EligibilityRuleSet(IServiceScopeFactory scopes, ScriptSandbox scripts, Rounds.RoundDirectory rounds)
        : this(scripts, () => LoadStored(scopes), version => LoadVersion(scopes, version), rounds) =>
        _loadCurrentVersion = () => CurrentVersionOf(scopes);

    private EligibilityRuleSet(ScriptSandbox scripts, Func<IReadOnlyList<RuleDefinition>> load,
        Func<int, IReadOnlyList<RuleDefinition>>? loadVersion = null, Rounds.RoundDirectory? rounds = null) =>
        (_scripts, _load, _loadVersion, _rounds) = (scripts, load, loadVersion, rounds);

    /// <summary>A set of given rules that never reloads, for evaluating outside the app (tests, measurements).</summary>
    public static EligibilityRuleSet Fixed(ScriptSandbox scripts, IReadOnlyList<RuleDefinition> rules) => new(scripts, () => rules);

    public IReadOnlyList<CompiledRule> Rules
    {
        get
        {
            // A reload races harmlessly with readers: each sees either the old or the new complete list.
            var rules = Volatile.Read(ref _rules);
            if (rules is null)
            {
                rules = CompileAll(_load());
                Volatile.Write(ref _rules, rules);
            }
            return rules;
        }
    }

    /// <summary>The rules a year's round runs on: the rule set version it pins, or the current rules while it follows the newest.</summary>
    public IReadOnlyList<CompiledRule> ForYear(int year) =>
        _rounds?.FrozenPins(year)?.RulesVersion is { } version && _loadVersion is not null ? AtVersion(version) : Rules;

    /// <summary>
    /// The rule set as it stood at version <paramref name="version"/>: each rule's newest stored version numbered up to
    /// it. Stored versions never change, so the compiled set is kept for the app's lifetime.
    /// </summary>
    public IReadOnlyList<CompiledRule> AtVersion(int version) =>
        _loadVersion is null ? Rules : _versions.GetOrAdd(version, v => CompileAll(_loadVersion(v)));

    private List<CompiledRule> CompileAll(IEnumerable<RuleDefinition> rules) =>
        [.. rules.OrderBy(r => RuleGroups.Order(r.Group)).ThenBy(r => r.SortOrder).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Compile)];

    public CompiledRule? Find(string id) => Rules.FirstOrDefault(r => r.Definition.Id == id);

    /// <summary>The rule set version a year's evaluation uses: its round's pin, else the newest (recorded with each result).</summary>
    public int? VersionForYear(int year)
    {
        if (_rounds?.FrozenPins(year)?.RulesVersion is { } pinned)
        {
            return pinned;
        }
        return _currentVersion ??= _loadCurrentVersion?.Invoke();
    }

    public void Invalidate()
    {
        Volatile.Write(ref _rules, null);
        _currentVersion = null;
    }

    private static int? CurrentVersionOf(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        return RuleKind.SetVersions(scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().ArtifactVersions).Max(id => (int?)id);
    }

    /// <summary>Parses a rule's texts through the sandbox (cached by text), reporting syntax errors by field.</summary>
    public CompiledRule Compile(RuleDefinition rule)
    {
        var expression = _scripts.ParseExpression(rule.Expression);
        var explanation = _scripts.ParseTemplate(rule.Explanation);
        var errors = expression.Errors.Select(e => At("expression", rule.Expression, e, "条件表达式"))
            .Concat(explanation.Errors.Select(e => At("explanation", rule.Explanation, e, "说明模板")))
            .ToList();
        var info = (ScriptObject)ReadOnlyScriptData.From(new Dictionary<string, object?>
        {
            ["id"] = rule.Id,
            ["title"] = rule.Title,
            ["group"] = rule.Group,
            ["category"] = rule.Category,
        })!;
        return new CompiledRule(rule, expression.Template, explanation.Template, errors, info);
    }

    /// <summary>Scriban reports an error at the end of the text (an unclosed bracket) without a position; the end is where it is.</summary>
    private static ValidationError At(string field, string text, ScriptSandbox.ScriptError error, string label)
    {
        if (error.Line >= 1 && error.Column >= 1)
        {
            return new ValidationError(field, error.Line, error.Column, $"{label}语法错误：{error.Message}");
        }
        var lines = text.Split('\n');
        return new ValidationError(field, lines.Length, lines[^1].Length + 1, $"{label}语法错误（在末尾）：{error.Message}");
    }

    private static List<RuleDefinition> LoadVersion(IServiceScopeFactory scopes, int version)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        // A few dozen rules with a handful of versions each: grouped in memory.
        var rows = db.ArtifactVersions.AsNoTracking().Of(RuleKind.Kind).Where(v => v.Id <= version && v.Version != null).Select(v => new { v.Id, v.Key, v.Content }).ToList()
            .GroupBy(v => v.Key).Select(g => g.MaxBy(v => v.Id)!.Content);
        return [.. rows.Select(json => System.Text.Json.JsonSerializer.Deserialize<RuleDefinition>(json, RuleDefinition.JsonOptions)!)];
    }

    private static List<RuleDefinition> LoadStored(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return [.. db.EligibilityRules.AsNoTracking().AsEnumerable().Select(RuleDefinition.Of)];
    }
}

using LeadRunner.Data;
using LeadRunner.Scripting;
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
    private IReadOnlyList<CompiledRule>? _rules;

    public EligibilityRuleSet(IServiceScopeFactory scopes, ScriptSandbox scripts) : this(scripts, () => LoadStored(scopes))
    {
    }

    private EligibilityRuleSet(ScriptSandbox scripts, Func<IReadOnlyList<RuleDefinition>> load) => (_scripts, _load) = (scripts, load);

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
                rules = [.. _load().OrderBy(r => RuleGroups.Order(r.Group)).ThenBy(r => r.SortOrder).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Compile)];
                Volatile.Write(ref _rules, rules);
            }
            return rules;
        }
    }

    public CompiledRule? Find(string id) => Rules.FirstOrDefault(r => r.Definition.Id == id);

    public void Invalidate() => Volatile.Write(ref _rules, null);

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

    private static List<RuleDefinition> LoadStored(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return [.. db.EligibilityRules.AsNoTracking().AsEnumerable().Select(RuleDefinition.Of)];
    }
}

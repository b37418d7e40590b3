using System.Text.Json.Nodes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Scripting;
using LeadRunner.Tests.Workflow.Definitions;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>The shipped rules and 2024 settings evaluated in-process, without the app, for the rule tests.</summary>
internal static class RuleHarness
{
    public static readonly ScriptSandbox Sandbox = new();
    public static readonly IReadOnlyList<RuleDefinition> Shipped = RuleDefinition.ReadFile(EligibilityRuleSeed.FilePath(DefinitionFilesTests.Root));
    private static readonly EligibilityEvaluator ShippedEvaluator = new(Sandbox, EligibilityRuleSet.Fixed(Sandbox, Shipped));

    public static JsonObject Settings2024() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(DefinitionFilesTests.Root, "workflows", "programmes", "2024.json")))!.AsObject();

    public static ProgrammeYear Year(Action<JsonObject>? change = null, int version = 1)
    {
        var settings = Settings2024();
        change?.Invoke(settings);
        // Through text, as settings always reach the app, so values have the types parsed JSON gives them.
        return ProgrammeYear.From(2024, version, JsonNode.Parse(settings.ToJsonString())!.AsObject());
    }

    /// <summary>The textile enterprise of the example: eligible, R&amp;D 3.20 %, three partners in the cluster.</summary>
    public static EligibilityApplication Textile() => new(
        2024, "纺织", false, true, 2, 40, 12_000m, 384m,
        [Partner("清河县宏达羊绒纺纱有限公司", true), Partner("清河县博源染整有限公司", true), Partner("清河县雪绒服饰有限公司", true)],
        [new EligibilityApplication.SpecialClaim("科技创新", ["省级及以上企业技术中心"])]);

    public static EligibilityApplication.Partner Partner(string name, bool inCluster) => new(name, inCluster, "上游");

    public static EligibilityApplication WithPartners(this EligibilityApplication application, int inCluster, int outside = 0) => application with
    {
        Partners = [.. Enumerable.Range(1, inCluster).Select(i => Partner($"集群内企业{i}", true)), .. Enumerable.Range(1, outside).Select(i => Partner($"集群外企业{i}", false))],
    };

    public static EligibilityEvaluator.Result Evaluate(EligibilityApplication application, ProgrammeYear? year = null, EligibilityEvaluator? evaluator = null)
    {
        var outcome = (evaluator ?? ShippedEvaluator).Check(application, year ?? Year());
        Assert.True(outcome.Result is not null, string.Join("；", outcome.Errors.SelectMany(e => e.Value)));
        return outcome.Result!;
    }

    public static EligibilityEvaluator.RuleResult Rule(this EligibilityEvaluator.Result result, string id) => result.Rules.Single(r => r.Id == id);

    /// <summary>An evaluator whose rules are the shipped ones with one replaced, for sandbox tests.</summary>
    public static EligibilityEvaluator With(RuleDefinition replacement) =>
        new(Sandbox, EligibilityRuleSet.Fixed(Sandbox, [.. Shipped.Where(r => r.Id != replacement.Id), replacement]));
}

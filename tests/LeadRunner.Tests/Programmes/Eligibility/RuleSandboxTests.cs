using LeadRunner.Programmes.Eligibility;
using static LeadRunner.Programmes.Eligibility.EligibilityEvaluator;
using static LeadRunner.Tests.Programmes.Eligibility.RuleHarness;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>A rule that breaks yields "error" with a Chinese message: never an exception, never a pass, never eligible.</summary>
public class RuleSandboxTests
{
    private static RuleDefinition RdRule(string expression, string? explanation = null) =>
        Shipped.Single(r => r.Id == "rd-ratio") with { Expression = expression, Explanation = explanation ?? "{{ verdict }}" };

    private static RuleResult RunBroken(string expression, string? explanation = null)
    {
        var result = Evaluate(Textile(), evaluator: With(RdRule(expression, explanation)));
        Assert.False(result.Eligible);
        var rule = result.Rule("rd-ratio");
        Assert.Equal(Error, rule.Result);
        Assert.StartsWith("规则", rule.Explanation, StringComparison.Ordinal);
        return rule;
    }

    [Fact]
    public void HugeLoop_StopsAtTheLoopLimit()
    {
        var rule = RunBroken("n = 0\nfor i in 1..100000000\n  n = n + 1\nend\ntrue");
        Assert.Contains("第 2 行", rule.Explanation, StringComparison.Ordinal);
        Assert.Contains("超过循环上限", rule.Explanation, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]{2,} [A-Za-z]{2,}", rule.Explanation); // Scriban's English is translated
    }

    [Fact]
    public void EndlessWhile_StopsAtTheLoopLimit() => RunBroken("while true\nend\ntrue");

    [Fact]
    public void EndlessRecursion_StopsAtTheRecursionLimit() =>
        Assert.Contains("递归调用层数超过上限", RunBroken("func deeper(n)\n  ret deeper(n + 1)\nend\ndeeper(1)").Explanation, StringComparison.Ordinal);

    [Fact]
    public void ExponentialCalls_StopAtTheTimeLimit()
    {
        // The time limit, not the loop or recursion limits, is what stops it: its message names the milliseconds.
        var rule = RunBroken("func twice(n)\n  if n > 0\n    twice(n - 1)\n    twice(n - 1)\n  end\nend\ntwice(40)\ntrue");
        Assert.Contains("毫秒，已中止", rule.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void DivisionByZero_IsAnErrorWithPosition() =>
        Assert.Contains("第 1 行", RunBroken("app.revenue / 0 > 1").Explanation, StringComparison.Ordinal);

    [Fact]
    public void NonBooleanResult_IsAnError() =>
        Assert.Contains("应为 true 或 false", RunBroken("app.revenue").Explanation, StringComparison.Ordinal);

    [Fact]
    public void NullResult_IsAnErrorNotAPass() => RunBroken("app.nothing");

    [Fact]
    public void BrokenExplanation_IsAnError() => RunBroken("true", "{{ app.revenue / 0 }}");

    [Fact]
    public void SyntaxError_IsAnErrorWithLineAndColumn() =>
        Assert.Contains("第 2 行", RunBroken("ratio = 1\nratio >= ").Explanation, StringComparison.Ordinal);

    [Fact]
    public void NoDotNetMemberIsReachable() => RunBroken("app.revenue.GetType() != null");

    [Fact]
    public void ARuleCannotChangeTheDataOtherRulesOrLaterChecksRead()
    {
        var year = Year();
        var rule = RunBroken("settings.rdThreshold = 0\napp.partners[0] = null\nsettings.industries[8].traditional = true\ntrue");
        Assert.Contains("只读", rule.Explanation, StringComparison.Ordinal);
        var tamper = With(RdRule("settings.industries[8].traditional = true\ntrue"));
        Assert.Equal(Error, Evaluate(Textile(), year, tamper).Rule("rd-ratio").Result);
        var after = Evaluate(Textile() with { Industry = "电子信息" }, year);
        Assert.Equal((Fail, "研发投入占比 3.20%，电子信息不属传统行业，门槛 3.50%，不符合"), (after.Rule("rd-ratio").Result, after.Rule("rd-ratio").Explanation));
        Assert.Equal(Pass, after.Rule("partners").Result);
    }

    [Fact]
    public void OneBrokenSpecialRule_DoesNotHideAnotherThatPasses()
    {
        var broken = Shipped.Single(r => r.Id == "special-green") with { Expression = "app.revenue / 0 > 0" };
        var result = Evaluate(Textile(), evaluator: With(broken));
        Assert.Equal(Error, result.Rule("special-green").Result);
        Assert.True(result.Eligible);
    }
}

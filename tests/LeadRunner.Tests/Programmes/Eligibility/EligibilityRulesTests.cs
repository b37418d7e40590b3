using LeadRunner.Programmes.Eligibility;
using static LeadRunner.Programmes.Eligibility.EligibilityEvaluator;
using static LeadRunner.Tests.Programmes.Eligibility.RuleHarness;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>The shipped rules against the seed's limits: "以上 / 不少于" include the limit; the explanation states the numbers.</summary>
public class EligibilityRulesTests
{
    private static EligibilityApplication Rd(string industry, decimal revenue, decimal rd) => Textile() with { Industry = industry, Revenue = revenue, RdExpense = rd };

    [Fact]
    public void Example_TextileAt3Point2Percent_IsEligible_AndExplained()
    {
        var result = Evaluate(Textile());
        Assert.True(result.Eligible);
        Assert.Equal(1, result.SettingsVersion);
        Assert.Equal("研发投入占比 3.20%，纺织属传统行业，门槛 3.00%，符合", result.Rule("rd-ratio").Explanation);
        Assert.Equal(15, result.Rules.Count);
        Assert.Equal(["poolEntry", "basic", "special"], result.Rules.Select(r => r.Group).Distinct());
    }

    [Theory]
    [InlineData("电子信息", 3_500_000, Pass, "研发投入占比 3.50%，电子信息不属传统行业，门槛 3.50%，符合")]
    [InlineData("电子信息", 3_499_900, Fail, "研发投入占比 3.4999%，电子信息不属传统行业，门槛 3.50%，不符合")]
    [InlineData("电子信息", 3_500_100, Pass, "研发投入占比 3.5001%，电子信息不属传统行业，门槛 3.50%，符合")]
    [InlineData("纺织", 3_000_000, Pass, "研发投入占比 3.00%，纺织属传统行业，门槛 3.00%，符合")]
    [InlineData("纺织", 2_999_900, Fail, "研发投入占比 2.9999%，纺织属传统行业，门槛 3.00%，不符合")]
    [InlineData("化工", 3_000_100, Pass, "研发投入占比 3.0001%，化工属传统行业，门槛 3.00%，符合")]
    [InlineData("电子信息", 3_200_000, Fail, "研发投入占比 3.20%，电子信息不属传统行业，门槛 3.50%，不符合")]
    [InlineData("纺织", 3_200_000, Pass, "研发投入占比 3.20%，纺织属传统行业，门槛 3.00%，符合")]
    public void RdRatio_AtUnderAndOverEachThreshold(string industry, int rd, string expected, string explanation)
    {
        var result = Evaluate(Rd(industry, 100_000_000m, rd));
        Assert.Equal((expected, explanation), (result.Rule("rd-ratio").Result, result.Rule("rd-ratio").Explanation));
        Assert.Equal(expected == Pass, result.Eligible);
    }

    [Fact]
    public void RdRatio_WithoutIndustry_UsesTheGeneralThreshold()
    {
        var rule = Evaluate(Textile() with { Industry = " " }).Rule("rd-ratio");
        Assert.Equal((Fail, "研发投入占比 3.20%，未填写行业，按一般行业，门槛 3.50%，不符合"), (rule.Result, rule.Explanation));
    }

    [Theory]
    [InlineData(3, 0, Pass, "所属集群内产业链上下游合作企业 3 家，要求不少于 3 家，符合")]
    [InlineData(2, 0, Fail, "所属集群内产业链上下游合作企业 2 家，要求不少于 3 家，不符合")]
    [InlineData(4, 0, Pass, "所属集群内产业链上下游合作企业 4 家，要求不少于 3 家，符合")]
    [InlineData(2, 5, Fail, "所属集群内产业链上下游合作企业 2 家（另有 5 家不在集群内，不计入），要求不少于 3 家，不符合")]
    [InlineData(0, 0, Fail, "所属集群内产业链上下游合作企业 0 家，要求不少于 3 家，不符合")]
    public void Partners_OnlyThoseInTheClusterCount(int inCluster, int outside, string expected, string explanation)
    {
        var rule = Evaluate(Textile().WithPartners(inCluster, outside)).Rule("partners");
        Assert.Equal((expected, explanation), (rule.Result, rule.Explanation));
    }

    [Fact]
    public void NotInThePool_FailsTheFirstBasicCondition()
    {
        var result = Evaluate(Textile() with { InCultivationPool = null });
        Assert.Equal((Fail, "未纳入“领跑者”企业培育库，不符合"), (result.Rule("in-pool").Result, result.Rule("in-pool").Explanation));
        Assert.False(result.Eligible);
    }

    [Fact]
    public void JudgementRules_ShowTheDataAndDoNotMakeItIneligible()
    {
        var result = Evaluate(Textile());
        var rank = result.Rule("cluster-rank");
        Assert.Equal(Judgement, rank.Result);
        Assert.StartsWith("在所属特色产业集群 40 家企业中排名第 2 位，上年度营业收入 12,000.00 万元。", rank.Explanation, StringComparison.Ordinal);
        Assert.All(result.Rules.Where(r => r.Group == RuleGroups.PoolEntry), r => Assert.Equal(Judgement, r.Result));
        Assert.True(result.Eligible);
        var unranked = Evaluate(Textile() with { ClusterRank = null, ClusterSize = null }).Rule("cluster-rank");
        Assert.Equal(Judgement, unranked.Result);
        Assert.StartsWith("未填写在所属集群内的排名", unranked.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecialCategory_ValidItemPasses_UnknownOrMisplacedItemDoesNot()
    {
        var valid = Evaluate(Textile()).Rule("special-tech-innovation");
        Assert.Equal((Pass, "申报“科技创新”：省级及以上企业技术中心，符合"), (valid.Result, valid.Explanation));

        var unknown = Evaluate(Textile() with { SpecialConditions = [new("科技创新", ["省级企业技术中心"])] });
        Assert.Equal(Fail, unknown.Rule("special-tech-innovation").Result);
        Assert.Contains("“省级企业技术中心”不在认定事项中，不计入", unknown.Rule("special-tech-innovation").Explanation, StringComparison.Ordinal);
        Assert.False(unknown.Eligible);

        // A 绿色低碳 item claimed under 科技创新 counts for neither.
        var misplaced = Evaluate(Textile() with { SpecialConditions = [new("科技创新", ["省级及以上绿色制造名单企业"])] });
        Assert.Equal((Fail, Fail), (misplaced.Rule("special-tech-innovation").Result, misplaced.Rule("special-green").Result));
    }

    [Fact]
    public void NoSpecialCategory_IsNotEligible_EvenWithEveryBasicCondition()
    {
        var result = Evaluate(Textile() with { SpecialConditions = null });
        Assert.All(result.Rules.Where(r => r.Group == RuleGroups.Basic), r => Assert.NotEqual(Fail, r.Result));
        Assert.All(result.Rules.Where(r => r.Group == RuleGroups.Special), r => Assert.Equal(Fail, r.Result));
        Assert.Equal("未申报“绿色低碳”类条件，不符合", result.Rule("special-green").Explanation);
        Assert.False(result.Eligible);
    }

    [Fact]
    public void ListedCompany_MeetsCapitalCondition()
    {
        var result = Evaluate(Textile() with { Listed = true, SpecialConditions = null });
        Assert.Equal((Pass, "企业已上市，符合"), (result.Rule("special-capital").Result, result.Rule("special-capital").Explanation));
        Assert.True(result.Eligible);
    }

    [Fact]
    public void ChangedSettings_TheResultFollows()
    {
        var software = Rd("电子信息", 100_000_000m, 3_800_000);
        Assert.Equal(Pass, Evaluate(software).Rule("rd-ratio").Result);
        var stricter = Evaluate(software, Year(s => s["rdThreshold"] = 4.0m, version: 2));
        Assert.Equal((Fail, "研发投入占比 3.80%，电子信息不属传统行业，门槛 4.00%，不符合"), (stricter.Rule("rd-ratio").Result, stricter.Rule("rd-ratio").Explanation));
        Assert.Equal(2, stricter.SettingsVersion);

        var fewerPartners = Evaluate(Textile().WithPartners(2), Year(s => s["minPartners"] = 2));
        Assert.Equal(Pass, fewerPartners.Rule("partners").Result);
        var textileNotTraditional = Evaluate(Textile(), Year(s => s["industries"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "纺织")!["traditional"] = false));
        Assert.Equal(Fail, textileNotTraditional.Rule("rd-ratio").Result);
    }

    private static ProgrammeYear WithOpenCooperation() => Year(s =>
    {
        var categories = s["specialCategories"]!.AsArray();
        categories.RemoveAt(5);
        categories.Add(new System.Text.Json.Nodes.JsonObject { ["key"] = "开放合作", ["title"] = "开放合作发展", ["items"] = new System.Text.Json.Nodes.JsonArray("国家级外贸转型升级基地") });
    });

    [Fact]
    public void CategoriesFollowTheYear_DroppedOnesVanish_ARuleIsNeverInvented()
    {
        var result = Evaluate(Textile(), WithOpenCooperation());
        Assert.DoesNotContain(result.Rules, r => r.Id == "special-capital");
        // No rule is invented: a category without one in the rule set is reported as an error (its rule is generated
        // when the category is saved; an open round sees it after a re-pin), never counted as passed.
        var missing = Assert.Single(result.Rules, r => r.Explanation.Contains("开放合作", StringComparison.Ordinal));
        Assert.Equal(("category-开放合作", Error), (missing.Id, missing.Result));
        Assert.True(result.Eligible); // 科技创新 still passes
    }

    [Fact]
    public void GeneratedCategoryRule_PassesWithAListedItemAndEvidence_OnlyThen()
    {
        var year = WithOpenCooperation();
        var generated = CategoryRules.Generate("special-category-1", year.Lists.SpecialCategories.Single(c => c.Key == "开放合作"), 27);
        var evaluator = new EligibilityEvaluator(Sandbox, EligibilityRuleSet.Fixed(Sandbox, [.. Shipped, generated]));
        static EligibilityApplication Claim(params System.Text.Json.JsonElement[] evidence) => Textile() with
        {
            SpecialConditions = [new EligibilityApplication.SpecialClaim("开放合作", ["国家级外贸转型升级基地", "自创称号"], evidence)],
        };

        var proven = Evaluate(Claim(System.Text.Json.JsonSerializer.SerializeToElement(new { originalName = "基地认定文件.pdf", url = "/api/uploads/x" })), year, evaluator);
        Assert.Equal((Pass, "申报“开放合作发展”：国家级外贸转型升级基地，已附证明材料，符合"), (proven.Rule(generated.Id).Result, proven.Rule(generated.Id).Explanation));
        Assert.True(proven.Eligible);

        var unproven = Evaluate(Claim(), year, evaluator);
        Assert.Equal((Fail, "申报“开放合作发展”：国家级外贸转型升级基地，但未附证明材料，不符合"), (unproven.Rule(generated.Id).Result, unproven.Rule(generated.Id).Explanation));
        Assert.False(unproven.Eligible);

        var unclaimed = Evaluate(Textile(), year, evaluator).Rule(generated.Id);
        Assert.Equal((Fail, "未申报“开放合作发展”类所列事项，不符合"), (unclaimed.Result, unclaimed.Explanation));
    }

    [Fact]
    public void DisabledRule_IsSkipped()
    {
        var disabled = Shipped.Single(r => r.Id == "special-tech-innovation") with { Enabled = false };
        var result = Evaluate(Textile(), evaluator: With(disabled));
        Assert.DoesNotContain(result.Rules, r => r.Id == "special-tech-innovation");
        Assert.False(result.Eligible); // its only special condition was 科技创新
    }
}

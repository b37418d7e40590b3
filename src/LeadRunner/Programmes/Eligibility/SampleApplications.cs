namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// A few applications that together reach every branch a rule commonly takes — typical, minimal, large and listed,
/// small without partners or claims. A rule must evaluate on each without error before it is saved, so a broken rule
/// never reaches the public self-check.
/// </summary>
public static class SampleApplications
{
    public sealed record Sample(string Name, EligibilityApplication Application);

    /// <summary>The samples for <paramref name="year"/>.</summary>
    public static IReadOnlyList<Sample> For(int year) =>
    [
        new("清河县羊绒企业（典型申报）", new(year, "纺织", false, true, 2, 40, 120_000_000m, 3_840_000m,
            [new("清河县宏达羊绒纺纱有限公司", true, "上游"), new("清河县博源染整有限公司", true, "上游"), new("清河县雪绒服饰有限公司", true, "下游"),
             new("上海悦尚服饰有限公司", false, "下游")],
            [new("科技创新", ["省级及以上企业技术中心"])])),
        new("只填必填项的企业", new(year, "纺织", null, null, 1, 1, 1m, 0m, null, null)),
        new("上市的大型企业（多类专项）", new(year, "装备制造", true, true, 1, 500, 9_000_000_000m, 450_000_000m,
            [new("甲", true, "上游"), new("乙", true, "上游"), new("丙", true, "下游"), new("丁", true, "下游"), new(null, null, null)],
            [new("科技创新", ["省级及以上企业技术中心", "专精特新“小巨人”企业"]), new("共享智造", []), new("数字化智能化", ["两化融合水平达到集成提升发展阶段及以上"]),
             new("绿色低碳", [null]), new("质量品牌", []), new("资本助力", []), null])),
        new("排名靠后、无协作企业的小型企业", new(year, "食品", false, false, 30, 30, 5_000_000m, 0m, [], [])),
    ];
}

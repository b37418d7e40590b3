using BenchmarkDotNet.Attributes;
using LeadRunner.Programmes.Eligibility;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Programmes;

/// <summary>
/// The full rule set (15 rules of the seed: expression and explanation each) for one application, as
/// POST /api/eligibility/check runs it: validation, settings lookup, every rule. Targets: ≤ 1 ms median for one
/// application, ≤ 5 s for 10,000.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MedianColumn]
[MemoryDiagnoser]
public class EligibilityBenchmark
{
    private static readonly string[] Industries = ["纺织", "电子信息", "钢铁", "装备制造", "食品", "生物医药"];
    private static readonly (string Category, string Item)[] Claims =
    [
        ("科技创新", "省级及以上企业技术中心"), ("数字化智能化", "省级及以上5G工厂"), ("绿色低碳", "省级及以上绿色制造名单企业"),
        ("质量品牌", "企业标准“领跑者”"), ("科技创新", "省级企业技术中心"), ("资本助力", "进入上市辅导期"),
    ];

    private BenchmarkHost _host = null!;
    private EligibilityEvaluator _evaluator = null!;
    private ProgrammeYears _years = null!;
    private EligibilityApplication _one = null!;
    private EligibilityApplication[] _many = [];

    [GlobalSetup]
    public void SetUp()
    {
        _host = new BenchmarkHost();
        _evaluator = _host.Services.GetRequiredService<EligibilityEvaluator>();
        _years = _host.Services.GetRequiredService<ProgrammeYears>();
        var random = new Random(20240828);
        _many = [.. Enumerable.Range(0, 10_000).Select(i => Application(random, i))];
        _one = _many[0];
        if (_evaluator.Check(_one, _years.Get(2024)).Result is not { Rules.Count: 15 })
        {
            throw new InvalidOperationException("the seeded rules did not all run");
        }
    }

    /// <summary>Varied enterprises: industries either side of the traditional list, ratios around both thresholds, 0–6 partners, 0–2 claims.</summary>
    private static EligibilityApplication Application(Random random, int i)
    {
        var revenue = random.Next(50, 5_000) * 1_000_000m;
        var partners = Enumerable.Range(0, random.Next(0, 7)).Select(p => new EligibilityApplication.Partner($"合作企业{i}-{p}", random.Next(4) > 0, "上游")).ToList();
        var claims = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Claims[random.Next(Claims.Length)])
            .Select(c => new EligibilityApplication.SpecialClaim(c.Category, [c.Item])).ToList();
        return new EligibilityApplication(2024, Industries[i % Industries.Length], random.Next(10) == 0, random.Next(8) > 0, random.Next(1, 40), 40,
            revenue, Math.Round(revenue * random.Next(250, 450) / 10_000m, 2), partners, claims);
    }

    [Benchmark]
    public bool OneApplication() => _evaluator.Check(_one, _years.Get(_one.Year))!.Result!.Eligible;

    [Benchmark]
    public int TenThousandApplications()
    {
        var eligible = 0;
        foreach (var application in _many)
        {
            eligible += _evaluator.Check(application, _years.Get(application.Year)).Result!.Eligible ? 1 : 0;
        }
        return eligible;
    }

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();
}

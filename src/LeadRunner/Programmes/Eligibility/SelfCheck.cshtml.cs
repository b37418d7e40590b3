using System.Text.Json;
using LeadRunner.Hosting;
using LeadRunner.Programmes.Support;
using LeadRunner.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// The public self-check: an enterprise enters its figures (in 万元) and sees each condition with its explanation
/// and the overall verdict, and what the support policies would give. Plain forms, so it works without JavaScript.
/// Industries, partner relations and special conditions are those the chosen year's round offers.
/// </summary>
[EnableRateLimiting(RateLimits.AnonymousSubmissions)]
public sealed class SelfCheckModel(EligibilityEvaluator evaluator, ProgrammeYears years, ProgrammeSettings programmes, SupportCalculator calculator, Rounds.RoundDirectory rounds) : PageModel
{
    public const int PartnerRows = 6;

    /// <summary>What a ticked "has evidence" box stands for: the self-check uploads nothing, the enterprise says it has it.</summary>
    public const string DeclaredEvidence = "自测：企业自述已具备证明材料";

    private static readonly Dictionary<string, string> Labels = new()
    {
        [nameof(Year)] = "年度", [nameof(ClusterRank)] = "集群内排名", [nameof(ClusterSize)] = "集群内企业数",
        [nameof(RevenueWan)] = "上年度营业收入", [nameof(RdExpenseWan)] = "上年度研发投入", [nameof(EquipmentWan)] = "上年度设备投入",
        [nameof(RevenueBeforeWan)] = "并购重组前年营业收入", [nameof(RevenueAfterWan)] = "并购重组后年营业收入",
    };

    public sealed class PartnerRow
    {
        public string? Name { get; set; }
        public string? Relation { get; set; }
        public bool InCluster { get; set; }
    }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public ProgrammeYear? Programme { get; private set; }
    public RoundListSet? Lists => Programme?.Lists;
    public IReadOnlyList<string> Traditional => Lists?.Industries.Where(i => i.Traditional && !i.Retired).Select(i => i.Name).ToList() ?? [];
    public IReadOnlyList<string> Relations => Lists?.Choices(RoundListSet.PartnerRelationsList) ?? [];
    public EligibilityEvaluator.Result? Result { get; private set; }
    public SupportResult? Support { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Section { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public string? Industry { get; set; }
    [BindProperty] public bool Listed { get; set; }
    [BindProperty] public bool InCultivationPool { get; set; }
    [BindProperty] public int? ClusterRank { get; set; }
    [BindProperty] public int? ClusterSize { get; set; }
    [BindProperty] public decimal? RevenueWan { get; set; }
    [BindProperty] public decimal? RdExpenseWan { get; set; }
    [BindProperty] public List<PartnerRow> Partners { get; set; } = [];
    [BindProperty] public List<string> Claims { get; set; } = [];

    /// <summary>Keys of the categories for which the enterprise says it holds the supporting documents.</summary>
    [BindProperty] public List<string> Evidence { get; set; } = [];
    [BindProperty] public decimal? EquipmentWan { get; set; }
    [BindProperty] public bool MergerCompleted { get; set; }
    [BindProperty] public decimal? RevenueBeforeWan { get; set; }
    [BindProperty] public decimal? RevenueAfterWan { get; set; }
    [BindProperty] public bool NewTop500 { get; set; }

    public void OnGet() => Load();

    public void OnPostCheck()
    {
        Section = "check";
        Load();
        var claims = Claims.Select(c => c.Split('|', 2)).Where(c => c.Length == 2).GroupBy(c => c[0])
            .Select(g => new EligibilityApplication.SpecialClaim(g.Key, [.. g.Select(c => c[1])],
                Evidence.Contains(g.Key) ? [JsonSerializer.SerializeToElement(DeclaredEvidence)] : null)).ToList();
        var application = new EligibilityApplication(Year, Industry, Listed, InCultivationPool, ClusterRank, ClusterSize, RevenueWan, RdExpenseWan,
            [.. Partners.Where(p => !string.IsNullOrWhiteSpace(p.Name)).Select(p => new EligibilityApplication.Partner(p.Name, p.InCluster, p.Relation))],
            claims);
        var outcome = evaluator.Check(application, Programme);
        Result = outcome.Result;
        Fail(outcome.Errors);
    }

    public void OnPostSupport()
    {
        Section = "support";
        Load();
        var outcome = calculator.Calculate(new SupportRequest(Year, Yuan(EquipmentWan), MergerCompleted, Yuan(RevenueBeforeWan), Yuan(RevenueAfterWan), NewTop500));
        Support = outcome.Result;
        Fail(outcome.Errors);
    }

    public bool Claimed(string key, string item) => Claims.Contains($"{key}|{item}");

    private static decimal? Yuan(decimal? wan) => wan * 10_000m;

    private void Fail(Dictionary<string, string[]> errors)
    {
        // Figures that did not even bind (text in a number field) are reported first, in the same words.
        var unreadable = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => $"“{Labels.GetValueOrDefault(e.Key, e.Key)}”应填写数字。");
        Errors = [.. unreadable, .. errors.SelectMany(e => e.Value)];
        if (Errors.Count > 0)
        {
            (Result, Support) = (null, null);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private void Load()
    {
        // A round being prepared is offered to administrators only; the public starts from the newest open round.
        Years = [.. programmes.Years.Where(y => !rounds.HiddenFrom(y, User)).Order()];
        if (Year is not { } named || !Years.Contains(named))
        {
            Year = rounds.DefaultPublic()?.Year is { } open && Years.Contains(open) ? open : Years.Count > 0 ? Years[^1] : null;
        }
        Programme = years.Get(Year);
        while (Partners.Count < PartnerRows)
        {
            Partners.Add(new PartnerRow { Relation = Relations.Count > 0 ? Relations[0] : null });
        }
    }
}

/// <summary>How a rule's result is shown on the pages.</summary>
public static class ResultBadge
{
    public static string Text(string result) => EligibilityEvaluator.Verdicts.GetValueOrDefault(result, result);

    public static string Css(string result) => result switch
    {
        EligibilityEvaluator.Pass => "text-bg-success",
        EligibilityEvaluator.Fail => "text-bg-danger",
        EligibilityEvaluator.Judgement => "text-bg-warning",
        _ => "text-bg-dark",
    };
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadRunner.Programmes.Support;

/// <summary>
/// The support policies of 第十一～十三条 computed from the year's settings: equipment subsidy (a rate of last
/// year's investment, capped), merger reward, revenue milestones reached through mergers, first top-500 entry.
/// Each item states its numbers so that an enterprise can follow the sum.
/// </summary>
public sealed class SupportCalculator(ProgrammeSettings programmes)
{
    /// <summary>The names of the rewards the items are for (<see cref="SupportItem.Reward"/>).</summary>
    public static class Rewards
    {
        public const string Equipment = "equipment";
        public const string Merger = "merger";
        public const string Top500 = "top500";
        public const string MilestonePrefix = "revenue:";

        public static string Milestone(decimal revenue) => MilestonePrefix + revenue.ToString("0", CultureInfo.InvariantCulture);
    }

    /// <summary>Either the field errors of a refused request, or the result.</summary>
    public sealed record Outcome(Dictionary<string, string[]> Errors, SupportResult? Result);

    public Outcome Calculate(SupportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Year is { } y ? programmes.ForYear(y) : null;
        var errors = Validate(request, settings);
        if (errors.Count > 0)
        {
            return new Outcome(errors, null);
        }
        var support = settings!["support"]!;
        var items = new List<SupportItem>();
        if (request.EquipmentInvestment is > 0 and var investment)
        {
            var rate = support["equipmentSubsidyRate"]!.GetValue<decimal>();
            var cap = support["equipmentSubsidyCap"]!.GetValue<decimal>();
            var computed = Math.Round(investment * rate / 100, 2);
            var capped = computed > cap;
            items.Add(new SupportItem("设备更新补助（第十一条）", capped ? cap : computed,
                $"上年度设备投入 {Wan(investment)} × {rate.ToString("0.##", CultureInfo.InvariantCulture)}% = {Wan(computed)}，"
                + (capped ? $"超过上限 {Wan(cap)}，按 {Wan(cap)}补助" : $"未超过上限 {Wan(cap)}，按 {Wan(computed)}补助"))
            {
                Reward = Rewards.Equipment,
            });
        }
        if (request.MergerCompleted == true)
        {
            var reward = support["mergerReward"]!.GetValue<decimal>();
            items.Add(new SupportItem("并购重组激励（第十二条）", reward, $"完成并购（兼并）重组，一次性激励 {Wan(reward)}") { Reward = Rewards.Merger });
        }
        if (request is { RevenueBefore: { } before, RevenueAfter: { } after })
        {
            items.AddRange(Milestones(support["revenueMilestones"]!.AsArray(), before, after));
        }
        if (request.NewTop500 == true)
        {
            var reward = support["top500Reward"]!.GetValue<decimal>();
            items.Add(new SupportItem("首次进入 500 强激励（第十三条）", reward, $"首次进入中国民营企业 500 强或中国制造业 500 强，一次性激励 {Wan(reward)}") { Reward = Rewards.Top500 });
        }
        return new Outcome(errors, new SupportResult(items, items.Sum(i => i.Amount)));
    }

    /// <summary>One reward for each milestone crossed: below it before the merger, at or above it after.</summary>
    private static IEnumerable<SupportItem> Milestones(JsonArray milestones, decimal before, decimal after)
    {
        var change = $"通过并购（兼并）重组，年营业收入由 {Yi(before)}增至 {Yi(after)}";
        var levels = milestones.Select(m => (Revenue: m!["revenue"]!.GetValue<decimal>(), Reward: m["reward"]!.GetValue<decimal>())).OrderBy(m => m.Revenue).ToList();
        var crossed = levels.Where(m => before < m.Revenue && after >= m.Revenue).ToList();
        if (crossed.Count == 0)
        {
            yield return new SupportItem("营业收入台阶激励（第十三条）", 0m,
                $"{change}，未首次达到新的台阶（{string.Join("、", levels.Select(m => Yi(m.Revenue)))}），不予台阶激励");
        }
        foreach (var (revenue, reward) in crossed)
        {
            yield return new SupportItem($"营业收入首次达到 {Yi(revenue)}台阶激励（第十三条）", reward, $"{change}，首次达到 {Yi(revenue)}，一次性激励 {Wan(reward)}")
            {
                Reward = Rewards.Milestone(revenue),
            };
        }
    }

    private static Dictionary<string, string[]> Validate(SupportRequest request, JsonObject? settings)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Year is not { } year)
        {
            errors["year"] = ["请填写年度。"];
        }
        else if (settings is null)
        {
            errors["year"] = [$"{year.ToString(CultureInfo.InvariantCulture)} 年度批次不存在。"];
        }
        foreach (var (field, label, value) in new[]
        {
            ("equipmentInvestment", "上年度设备投入", request.EquipmentInvestment),
            ("revenueBefore", "并购重组前的年营业收入", request.RevenueBefore),
            ("revenueAfter", "并购重组后的年营业收入", request.RevenueAfter),
        })
        {
            if (value < 0)
            {
                errors[field] = [$"{label}不能为负数。"];
            }
        }
        if ((request.RevenueBefore is null) != (request.RevenueAfter is null))
        {
            errors[request.RevenueBefore is null ? "revenueBefore" : "revenueAfter"] = ["计算营业收入台阶激励，请同时填写并购重组前后的年营业收入。"];
        }
        else if (request.RevenueAfter < request.RevenueBefore && !errors.ContainsKey("revenueAfter"))
        {
            errors["revenueAfter"] = [$"并购重组后的年营业收入（{Yi(request.RevenueAfter!.Value)}）不能低于并购前（{Yi(request.RevenueBefore!.Value)}）。"];
        }
        return errors;
    }

    public static string Wan(decimal yuan) => $"{(yuan / 10_000m).ToString("N2", CultureInfo.InvariantCulture)} 万元";

    public static string Yi(decimal yuan) => $"{(yuan / 100_000_000m).ToString("#,0.##", CultureInfo.InvariantCulture)} 亿元";
}

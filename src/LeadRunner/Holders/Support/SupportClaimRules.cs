using System.Globalization;
using LeadRunner.Data;
using LeadRunner.Programmes.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Support;

/// <summary>
/// Whether a claim may be made and for how much: only a current holder (valid or under re-review) claims; the amount
/// comes from the round's support settings through the calculator; a once-only reward already claimed (and not
/// rejected) in any round is refused, naming the earlier claim. Used to answer before anything is stored and again by
/// the effect that stores the claim, inside the case's transaction.
/// </summary>
public sealed class SupportClaimRules(SupportCalculator calculator)
{
    /// <summary>One reward claimed: what it is paid once for, and its amount as the calculator explains it.</summary>
    public sealed record Reward(SupportKind Kind, string OnceKey, decimal Amount, string Explanation);

    public abstract record Assessment
    {
        /// <param name="Note">Milestones left out because they were claimed before, when others remain.</param>
        public sealed record Allowed(TitleHolder Holder, IReadOnlyList<Reward> Rewards, string? Note) : Assessment
        {
            public decimal Total => Rewards.Sum(r => r.Amount);
            public string Explanation => string.Join("；", Rewards.Select(r => r.Explanation)) + (Note is null ? "" : "；" + Note);
        }

        /// <summary>Not a current holder: revoked, expired, or never one.</summary>
        public sealed record NotHolder(string Message) : Assessment;

        public sealed record Invalid(Dictionary<string, string[]> Errors) : Assessment;

        /// <summary>The reward was claimed before (the claim is named).</summary>
        public sealed record Taken(string Message) : Assessment;
    }

    /// <param name="instanceId">The case being (re)submitted: its own claims do not count as earlier ones.</param>
    public async Task<Assessment> AssessAsync(LeadRunnerDb db, int enterpriseId, int year, ClaimFigures figures, long? instanceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(figures);
        // A current title first, the newest otherwise (to say why it no longer counts).
        var holder = await db.TitleHolders.IgnoreQueryFilters().Where(h => h.EnterpriseId == enterpriseId)
            .OrderByDescending(h => h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview).ThenByDescending(h => h.Year)
            .FirstOrDefaultAsync(ct);
        if (holder is not { IsCurrent: true })
        {
            return new Assessment.NotHolder(NotCurrentMessage(holder));
        }
        var outcome = calculator.Calculate(figures.ToRequest(year));
        if (outcome.Result is not { } result)
        {
            return new Assessment.Invalid(outcome.Errors);
        }
        var rewards = result.Items.Where(i => i.Reward is not null && i.Amount > 0)
            .Select(i => new Reward(figures.Kind, OnceKey(i.Reward!, year), i.Amount, i.Explanation)).ToList();
        if (rewards.Count == 0)
        {
            // A milestone not reached (or a policy the round sets to nothing): the calculator's explanation says why.
            var field = figures.Kind switch { SupportKind.Equipment => "equipmentInvestment", SupportKind.RevenueMilestone => "revenueAfter", _ => "kind" };
            return new Assessment.Invalid(new() { [field] = [(result.Items.Count > 0 ? result.Items[0].Explanation : "按本年度支持政策，该项申请的金额为零") + "，不能申请。"] });
        }

        var keys = rewards.Select(r => r.OnceKey).ToList();
        var earlier = db.SupportClaims.IgnoreQueryFilters()
            .Where(c => c.EnterpriseId == enterpriseId && keys.Contains(c.OnceKey) && c.Status != ClaimStatus.Rejected);
        if (instanceId is { } id)
        {
            earlier = earlier.Where(c => c.InstanceId != id);
        }
        var taken = await earlier.OrderBy(c => c.Id).ToListAsync(ct);
        if (taken.Count == 0)
        {
            return new Assessment.Allowed(holder, rewards, null);
        }
        var remaining = rewards.Where(r => taken.All(t => t.OnceKey != r.OnceKey)).ToList();
        if (figures.Kind != SupportKind.RevenueMilestone || remaining.Count == 0)
        {
            return new Assessment.Taken(TakenMessage(rewards.First(r => r.OnceKey == taken[0].OnceKey), taken[0]));
        }
        // A milestone rewarded before stays rewarded; the higher one first reached now is still due.
        return new Assessment.Allowed(holder, remaining, string.Join("；", taken.Select(t => $"{Milestone(t.OnceKey)}台阶激励已于 {Year(t.Year)} 年度申请（申请编号 {t.Id}，{SupportKinds.StatusTitle(t.Status)}），不再重复")));
    }

    /// <summary>"equipment:2025" (once a year), "merger", "top500", "revenue:5000000000" (once ever).</summary>
    public static string OnceKey(string reward, int year) =>
        reward == SupportCalculator.Rewards.Equipment ? $"{reward}:{Year(year)}" : reward;

    public static string TakenMessage(Reward reward, SupportClaim earlier)
    {
        var what = reward.Kind switch
        {
            SupportKind.Equipment => "设备更新补助每个年度只能申请一次",
            SupportKind.RevenueMilestone => $"营业收入首次达到 {Milestone(reward.OnceKey)}台阶激励只能享受一次",
            _ => $"{SupportKinds.Title(reward.Kind)}只能享受一次",
        };
        return $"{what}：贵企业已于 {Year(earlier.Year)} 年度申请（申请编号 {earlier.Id}，{SupportKinds.StatusTitle(earlier.Status)}），不能重复申请。";
    }

    /// <summary>Why a title that is not current (or none) gives no support; shown by the API and the enterprise's page.</summary>
    public static string NotCurrentMessage(TitleHolder? holder) => holder switch
    {
        null => "贵企业不是“领跑者”企业，不能申请支持资金。",
        { Status: HolderStatus.Revoked } => $"贵企业的 {Year(holder.Year)} 年度“领跑者”企业称号已{Ended(holder)}撤销，不再享受支持政策，不能申请支持资金。",
        _ => $"贵企业的 {Year(holder.Year)} 年度“领跑者”企业称号已{Ended(holder)}到期终止，不再享受支持政策，不能申请支持资金。",
    };

    private static string Ended(TitleHolder holder) =>
        holder.EndedOn is { } on ? $"于 {on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} " : "";

    private static string Milestone(string onceKey) =>
        decimal.TryParse(onceKey[SupportCalculator.Rewards.MilestonePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var revenue)
            ? SupportCalculator.Yi(revenue) : onceKey;

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}

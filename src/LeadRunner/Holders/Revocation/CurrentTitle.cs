using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Revocation;

/// <summary>
/// An enterprise's title that is in force (valid or under re-review), the newest round's when it holds several: what a
/// revocation case or a change filing is about. Read through the caller's scope filters.
/// </summary>
public static class CurrentTitle
{
    public const string NotAHolder = "该企业目前不是有效期内的“领跑者”企业。";

    public static Task<TitleHolder?> OfAsync(LeadRunnerDb db, int enterpriseId, CancellationToken ct) =>
        db.TitleHolders.Where(h => h.EnterpriseId == enterpriseId && (h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview))
            .OrderByDescending(h => h.Year).FirstOrDefaultAsync(ct);
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Revocation;

/// <summary>
/// Whether the title a certificate states is still in force: the public verification of a certificate (/verify) shows
/// a revoked or ended title beside the file's authenticity, with the date and the reason the change log publishes.
/// </summary>
public sealed record CertificateStanding(string Status, string StatusName, int Year, DateOnly? EndedOn, string? Reason)
{
    public bool Ended => Status is "revoked" or "expired";

    public static readonly IReadOnlyDictionary<HolderStatus, (string Status, string Name)> Names = new Dictionary<HolderStatus, (string, string)>
    {
        [HolderStatus.Valid] = ("valid", "有效"),
        [HolderStatus.ReReview] = ("reReview", "有效（三年复核中）"),
        [HolderStatus.Revoked] = ("revoked", "已撤销"),
        [HolderStatus.Expired] = ("expired", "已终止（复核未通过）"),
    };

    /// <summary>The standing of the title whose certificate carries this verification code; null for other documents.</summary>
    public static async Task<CertificateStanding?> ForCodeAsync(LeadRunnerDb db, string code, CancellationToken ct)
    {
        // Public facts about a public title: read past the scope filters, as the change log is.
        var holder = await db.TitleHolders.IgnoreQueryFilters().AsNoTracking().Where(h => h.CertificateCode == code)
            .Select(h => new { h.Id, h.Status, h.Year, h.EndedOn }).FirstOrDefaultAsync(ct);
        if (holder is null)
        {
            return null;
        }
        var (status, name) = Names[holder.Status];
        if (holder.Status is not (HolderStatus.Revoked or HolderStatus.Expired))
        {
            return new CertificateStanding(status, name, holder.Year, null, null);
        }
        var kind = holder.Status == HolderStatus.Revoked ? HolderEventKind.Revoked : HolderEventKind.Expired;
        var reason = await db.HolderEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.HolderId == holder.Id && e.Kind == kind && e.Public).OrderByDescending(e => e.Id).Select(e => e.Text).FirstOrDefaultAsync(ct);
        return new CertificateStanding(status, name, holder.Year, holder.EndedOn, reason);
    }
}

using LeadRunner.Data;
using LeadRunner.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// The enterprise a holder route names by its USCC, as the signed-in user may see it (the query filters scope it: an
/// enterprise itself, a county its county, a city its unit): a USCC that is not well formed is bad input, one not
/// visible is not found, whether it does not exist or is out of scope.
/// </summary>
public static class HolderLookup
{
    public sealed record Visible(int EnterpriseId, string Name, string Uscc);

    public static string NotFound(string uscc) => $"企业 {uscc} 不存在或不在您的管辖范围内。";

    public static string? Malformed(string uscc) =>
        UsccValidator.Validate(uscc) is { Valid: false } result ? $"统一社会信用代码“{uscc}”格式不正确：{string.Join("", result.Errors)}" : null;

    public static Task<Visible?> FindAsync(LeadRunnerDb db, string uscc, CancellationToken ct) =>
        db.Enterprises.AsNoTracking().Where(e => e.Uscc == uscc).Select(e => new Visible(e.Id, e.Name, e.Uscc)).FirstOrDefaultAsync(ct);

    /// <summary>The enterprise's title that is current (valid or under re-review), the newest when it holds several.</summary>
    public static Task<TitleHolder?> CurrentHolderAsync(LeadRunnerDb db, int enterpriseId, CancellationToken ct) =>
        db.TitleHolders.Where(h => h.EnterpriseId == enterpriseId && (h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview))
            .OrderByDescending(h => h.Year).FirstOrDefaultAsync(ct);
}

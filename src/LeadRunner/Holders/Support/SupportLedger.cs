using System.Globalization;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Support;

/// <summary>
/// The support claims in the caller's scope (the query filters: the province sees all, a city its unit, a county its
/// county, an enterprise itself), chosen by year, kind and status, newest first; with their totals. The staff page,
/// the list API and the Excel ledger read the same rows.
/// </summary>
public static class SupportLedger
{
    public sealed record Row(long Id, long CaseId, int EnterpriseId, string Enterprise, string Uscc, string CountyCode, string County, string UnitCode, string Unit,
        int Year, string Kind, string KindTitle, decimal Amount, string Status, string StatusTitle, string Explanation,
        DateTimeOffset ClaimedAt, DateTimeOffset? DecidedAt);

    /// <summary>The filter as given in the query string; <see cref="Read"/> checks it.</summary>
    public sealed record Filter(int? Year, SupportKind? Kind, ClaimStatus? Status)
    {
        public static readonly Filter All = new(null, null, null);

        public static (Filter? Filter, Dictionary<string, string[]> Errors) Read(string? year, string? kind, string? status)
        {
            var errors = new Dictionary<string, string[]>();
            int? y = null;
            if (!string.IsNullOrWhiteSpace(year))
            {
                if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 2000 and <= 2100)
                {
                    y = parsed;
                }
                else
                {
                    errors["year"] = [$"年度“{year}”无效，应为 2000 至 2100 之间的年份。"];
                }
            }
            SupportKind? k = null;
            if (!string.IsNullOrWhiteSpace(kind))
            {
                if (SupportKinds.ByName.TryGetValue(kind.Trim(), out var parsed))
                {
                    k = parsed;
                }
                else
                {
                    errors["kind"] = [$"申请类别“{kind}”不存在。{SupportKinds.UnknownKind}"];
                }
            }
            ClaimStatus? s = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                s = SupportKinds.StatusByName(status.Trim());
                if (s is null)
                {
                    errors["status"] = [$"状态“{status}”不存在，应为 pending（审核中）、approved（已核准）或 rejected（不予支持）。"];
                }
            }
            return errors.Count > 0 ? (null, errors) : (new Filter(y, k, s), errors);
        }
    }

    public sealed record Totals(int Count, decimal Amount, int ApprovedCount, decimal ApprovedAmount, int PendingCount, decimal PendingAmount);

    public static async Task<IReadOnlyList<Row>> ListAsync(LeadRunnerDb db, Filter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var claims = db.SupportClaims.AsNoTracking();
        if (filter.Year is { } year)
        {
            claims = claims.Where(c => c.Year == year);
        }
        if (filter.Kind is { } kind)
        {
            claims = claims.Where(c => c.Kind == kind);
        }
        if (filter.Status is { } status)
        {
            claims = claims.Where(c => c.Status == status);
        }
        var rows = await claims
            .Join(db.Enterprises, c => c.EnterpriseId, e => e.Id, (c, e) => new
            {
                c.Id, c.InstanceId, c.EnterpriseId, e.Name, e.Uscc, e.CountyCode, County = e.County!.Name, e.County.UnitCode, Unit = e.County.Unit!.Name,
                c.Year, c.Kind, c.Amount, c.Status, c.Explanation, c.ClaimedAt, c.DecidedAt,
            })
            .OrderByDescending(r => r.Id)
            .ToListAsync(ct);
        return [.. rows.Select(r => new Row(r.Id, r.InstanceId ?? 0, r.EnterpriseId, r.Name, r.Uscc, r.CountyCode, r.County, r.UnitCode, r.Unit,
            r.Year, SupportKinds.Name(r.Kind), SupportKinds.Title(r.Kind), r.Amount, SupportKinds.StatusName(r.Status), SupportKinds.StatusTitle(r.Status), r.Explanation,
            r.ClaimedAt, r.DecidedAt))];
    }

    public static Totals Sum(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var approved = rows.Where(r => r.Status == "approved").ToList();
        var pending = rows.Where(r => r.Status == "pending").ToList();
        return new Totals(rows.Count, rows.Sum(r => r.Amount), approved.Count, approved.Sum(r => r.Amount), pending.Count, pending.Sum(r => r.Amount));
    }

    public static string Date(DateTimeOffset? at) => at is { } value ? Hosting.ChinaTime.ToChina(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
}

using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Titles;

/// <summary>
/// The one query for lists of title holders, used by the API, the staff page and the public list alike. Scope comes
/// from the context's query filters; the public list asks for current holders with the filters off.
/// </summary>
public static class HolderListing
{
    public sealed record HolderDto(string Uscc, string Name, string UnitCode, string CountyCode, int Year, string Status, bool Listed);

    /// <summary>A row of the pages: the API's fields and the names a person reads.</summary>
    public sealed record HolderRow(string Uscc, string Name, string UnitCode, string UnitName, string CountyCode, string CountyName,
        string ClusterName, int Year, HolderStatus Status, bool Listed, DateOnly GrantedOn, DateOnly ReReviewDueOn, DateOnly? EndedOn);

    public sealed record Filter(int? Year, string? Unit, HolderStatus? Status);

    public static readonly IReadOnlyDictionary<string, HolderStatus> StatusNames = new Dictionary<string, HolderStatus>
    {
        ["valid"] = HolderStatus.Valid, ["reReview"] = HolderStatus.ReReview, ["revoked"] = HolderStatus.Revoked, ["expired"] = HolderStatus.Expired,
    };

    public static string Name(HolderStatus status) => StatusNames.First(s => s.Value == status).Key;

    public static string Label(HolderStatus status) => status switch
    {
        HolderStatus.Valid => "有效",
        HolderStatus.ReReview => "复核中",
        HolderStatus.Revoked => "已撤销",
        _ => "已到期",
    };

    /// <summary>The status a query string names ("valid", "reReview", …), or the Chinese reason it names none.</summary>
    public static (HolderStatus? Status, string? Error) ParseStatus(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        return StatusNames.TryGetValue(text.Trim(), out var status)
            ? (status, null)
            : (null, "状态须为 valid（有效）、reReview（复核中）、revoked（已撤销）或 expired（已到期）。");
    }

    public static IQueryable<HolderRow> Rows(IQueryable<TitleHolder> holders, Filter filter)
    {
        if (filter.Year is { } year)
        {
            holders = holders.Where(h => h.Year == year);
        }
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var unit = filter.Unit.Trim();
            holders = holders.Where(h => h.Enterprise!.County!.UnitCode == unit);
        }
        if (filter.Status is { } status)
        {
            holders = holders.Where(h => h.Status == status);
        }
        return holders
            .OrderByDescending(h => h.Year).ThenBy(h => h.Enterprise!.CountyCode).ThenBy(h => h.Enterprise!.Name)
            .Select(h => new HolderRow(h.Enterprise!.Uscc, h.Enterprise.Name, h.Enterprise.County!.UnitCode, h.Enterprise.County.Unit!.Name,
                h.Enterprise.CountyCode, h.Enterprise.County.Name, h.Enterprise.Cluster!.Name, h.Year, h.Status, h.Listed, h.GrantedOn, h.ReReviewDueOn, h.EndedOn));
    }

    public static HolderDto Dto(HolderRow row) => new(row.Uscc, row.Name, row.UnitCode, row.CountyCode, row.Year, Name(row.Status), row.Listed);

    /// <summary>Holders the public list shows: current titles (valid or under re-review) of public rounds.</summary>
    public static IQueryable<TitleHolder> Current(LeadRunnerDb db, IEnumerable<int> publicYears)
    {
        var years = publicYears.ToList();
        return db.TitleHolders.IgnoreQueryFilters().Where(h => (h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview) && years.Contains(h.Year));
    }
}

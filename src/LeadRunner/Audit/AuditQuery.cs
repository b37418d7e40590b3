using System.Globalization;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Audit;

/// <summary>
/// The auditor's filter over the log (user, kind, dates in China time, page), shared by the API, the page and the
/// export. Parsed from the query string here so that bad input gets a Chinese message naming the field, not a 500.
/// </summary>
public sealed record AuditQuery(string? User, string? Kind, DateOnly? From, DateOnly? To, int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static (AuditQuery? Query, Dictionary<string, string[]> Errors) Parse(string? user, string? kind, string? from, string? to, string? page, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(kind) && !AuditKinds.ChineseNames.ContainsKey(kind))
        {
            errors["kind"] = [$"类别“{kind}”不存在：可选 {string.Join("、", AuditKinds.ChineseNames.Keys)}。"];
        }
        var fromDate = Date(from, "from", "起始日期", errors);
        var toDate = Date(to, "to", "截止日期", errors);
        if (fromDate > toDate)
        {
            errors["to"] = ["截止日期不能早于起始日期。"];
        }
        var pageNumber = Whole(page, "page", "页码", 1, int.MaxValue, 1, errors);
        var size = Whole(pageSize, "pageSize", "每页条数", 1, MaxPageSize, DefaultPageSize, errors);
        return errors.Count > 0
            ? (null, errors)
            : (new AuditQuery(string.IsNullOrWhiteSpace(user) ? null : user.Trim(), string.IsNullOrWhiteSpace(kind) ? null : kind, fromDate, toDate, pageNumber, size), errors);
    }

    public IQueryable<AuditEntry> Apply(LeadRunnerDb db)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (User is { } user)
        {
            entries = entries.Where(a => a.UserName == user);
        }
        if (Kind is { } kind)
        {
            entries = entries.Where(a => a.Kind == kind);
        }
        if (From is { } from)
        {
            var start = from.StartOfDayInChina();
            entries = entries.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = to.AddDays(1).StartOfDayInChina();
            entries = entries.Where(a => a.At < end);
        }
        return entries.OrderByDescending(a => a.Id);
    }

    /// <summary>The same filter as query-string values, for links (export, next page).</summary>
    public Dictionary<string, string?> ToRouteValues(int? page = null) => new()
    {
        ["user"] = User,
        ["kind"] = Kind,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["page"] = page?.ToString(CultureInfo.InvariantCulture),
    };

    private static DateOnly? Date(string? text, string field, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[field] = [$"{label}“{text}”格式不对，应为 yyyy-MM-dd，如 2026-12-01。"];
        return null;
    }

    private static int Whole(string? text, string field, string label, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[field] = [$"{label}应为 {min} 到 {max} 之间的整数。"];
        return fallback;
    }
}

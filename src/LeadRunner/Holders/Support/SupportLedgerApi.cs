using System.Globalization;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Holders.Support;

/// <summary>
/// GET /api/support-claims: the claims in the caller's scope; GET /api/support-claims.xlsx: the province's ledger as an
/// Excel workbook (Chinese headers, amounts as numbers), audited as an export.
/// </summary>
public static class SupportLedgerApi
{
    public sealed record ClaimDto(long Id, long CaseId, string Uscc, string Name, string CountyCode, string UnitCode, int Year, string Kind,
        decimal Amount, string Status, string Explanation, DateTimeOffset ClaimedAt, DateTimeOffset? DecidedAt);

    public static readonly IReadOnlyList<string> Headers =
        ["申请编号", "企业名称", "统一社会信用代码", "县（市、区）", "市（报送单位）", "年度", "申请类别", "金额（元）", "状态", "申请日期", "审定日期", "案件编号"];

    public static async Task<Results<Ok<List<ClaimDto>>, ValidationProblem>> ListAsync(string? year, string? kind, string? status, LeadRunnerDb db, CancellationToken ct)
    {
        var (filter, errors) = SupportLedger.Filter.Read(year, kind, status);
        if (filter is null)
        {
            return ApiProblems.Invalid(errors);
        }
        var rows = await SupportLedger.ListAsync(db, filter, ct);
        return TypedResults.Ok(rows.Select(r => new ClaimDto(r.Id, r.CaseId, r.Uscc, r.Enterprise, r.CountyCode, r.UnitCode, r.Year, r.Kind, r.Amount,
            r.Status, r.Explanation, r.ClaimedAt, r.DecidedAt)).ToList());
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(string? year, string? kind, string? status, LeadRunnerDb db, TimeProvider clock, AuditLog audit, CancellationToken ct)
    {
        var (filter, errors) = SupportLedger.Filter.Read(year, kind, status);
        if (filter is null)
        {
            return ApiProblems.Invalid(errors);
        }
        var rows = await SupportLedger.ListAsync(db, filter, ct);
        using var buffer = new MemoryStream();
        await XlsxSheet.WriteValuesAsync(buffer, "支持资金台账", Headers, rows.Select(Cells).ToAsyncEnumerable(), ct);
        var name = string.Create(CultureInfo.InvariantCulture, $"支持资金台账_{clock.GetUtcNow().ToChina():yyyyMMdd_HHmmss}.xlsx");
        var totals = SupportLedger.Sum(rows);
        audit.Record("导出支持资金台账", name, after: string.Create(CultureInfo.InvariantCulture,
            $"{Describe(filter)}；共 {rows.Count} 条，申请金额 {totals.Amount:0.##} 元，其中已核准 {totals.ApprovedAmount:0.##} 元"), kind: AuditKinds.Export);
        await db.SaveChangesAsync(ct);
        return TypedResults.File(buffer.ToArray(), XlsxSheet.ContentType, name);
    }

    public static IEnumerable<object?> Cells(SupportLedger.Row r) =>
    [
        r.Id, r.Enterprise, r.Uscc, r.County, r.Unit, r.Year, r.KindTitle, r.Amount, r.StatusTitle,
        SupportLedger.Date(r.ClaimedAt), SupportLedger.Date(r.DecidedAt), r.CaseId,
    ];

    private static string Describe(SupportLedger.Filter filter) =>
        string.Join("，", new[]
        {
            filter.Year is { } y ? string.Create(CultureInfo.InvariantCulture, $"{y} 年度") : "全部年度",
            filter.Kind is { } k ? SupportKinds.Title(k) : "全部类别",
            filter.Status is { } s ? SupportKinds.StatusTitle(s) : "全部状态",
        });
}

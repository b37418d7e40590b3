using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Audit;

/// <summary>The auditor's API: read, verify and export the log. Nobody else reads it (三员分立), and no route changes it.</summary>
public static class AuditApi
{
    public sealed record Item(long Id, DateTimeOffset At, string UserName, string Kind, string KindName, string Action, string Subject,
        string? Before, string? After, string? Reason, string? ClientIp, string HashAlgorithm, string? Hash);

    public sealed record Page(int Total, int PageNumber, int PageSize, IReadOnlyList<Item> Items);

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("审计日志").RequireAuthorization(Policies.Auditor);
        group.MapGet("", List)
            .WithName("ListAuditEntries").WithSummary("查询审计日志")
            .WithDescription("按操作人（user）、类别（kind）、日期（from、to，北京时间 yyyy-MM-dd）筛选审计日志，分页（page、pageSize），最新的在前；仅审计员可调用。筛选条件不合法为 400，并按字段列出原因。");
        group.MapGet("/verify", Verify)
            .WithName("VerifyAuditChain").WithSummary("校验审计日志哈希链")
            .WithDescription("逐条校验审计日志的哈希链，返回是否完好（valid）、校验的条数（checked）和第一条校验不通过的条目编号（firstBroken）；仅审计员可调用。");
        group.MapGet("/export", Export)
            .Produces<Stream>(StatusCodes.Status200OK, AuditExport.ContentType)
            .WithName("ExportAuditLog").WithSummary("导出审计日志（Excel）")
            .WithDescription("按与查询相同的筛选条件导出审计日志为 Excel（.xlsx，中文表头），导出本身记入审计日志；仅审计员可调用。筛选条件不合法为 400，并按字段列出原因。");
    }

    public static async Task<Results<Ok<Page>, ValidationProblem>> List(string? user, string? kind, string? from, string? to, string? page, string? pageSize, LeadRunnerDb db, CancellationToken ct)
    {
        var (query, errors) = AuditQuery.Parse(user, kind, from, to, page, pageSize);
        if (query is null)
        {
            return ApiProblems.Invalid(errors);
        }
        var entries = query.Apply(db);
        var total = await entries.CountAsync(ct);
        var items = await entries.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new Page(total, query.Page, query.PageSize, items.Select(ToItem).ToList()));
    }

    public static async Task<Ok<AuditVerification>> Verify(LeadRunnerDb db, CancellationToken ct) =>
        TypedResults.Ok(await VerifyAsync(db, ct));

    public static async Task<AuditVerification> VerifyAsync(LeadRunnerDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await AuditChain.VerifyAsync(db.Database.GetDbConnection(), ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(string? user, string? kind, string? from, string? to, LeadRunnerDb db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (query, errors) = AuditQuery.Parse(user, kind, from, to, null, null);
        if (query is null)
        {
            return ApiProblems.Invalid(errors);
        }
        // Packaging needs a seekable stream; the workbook is built in memory, then the export itself is audited.
        var buffer = new MemoryStream();
        await AuditExport.WriteAsync(buffer, query.Apply(db).AsAsyncEnumerable(), ct);
        var name = $"审计日志_{clock.GetUtcNow().ToChina():yyyyMMdd_HHmmss}.xlsx";
        audit.Record("导出审计日志", name, after: Describe(query), kind: AuditKinds.Export);
        await db.SaveChangesAsync(ct);
        return TypedResults.File(buffer.ToArray(), AuditExport.ContentType, name);
    }

    public static Item ToItem(AuditEntry a) =>
        new(a.Id, a.At, a.UserName, a.Kind, AuditKinds.NameOf(a.Kind), a.Action, a.Subject, a.Before, a.After, a.Reason, a.ClientIp, a.HashAlgorithm, a.Hash);

    private static string Describe(AuditQuery q)
    {
        var values = q.ToRouteValues();
        return $"筛选：操作人 {q.User ?? "全部"}，类别 {(q.Kind is { } k ? AuditKinds.NameOf(k) : "全部")}，日期 {values["from"] ?? "不限"} 至 {values["to"] ?? "不限"}";
    }
}

using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// Downloads of filled annexes, each issued with its own verification code. Scoped on the server: the case is read
/// through the DbContext's region filter (enterprise: itself; county: its county; city: its unit), and a unit's
/// annex 3 is for that unit's city officer and the province; anything else is 404, as if it did not exist.
/// </summary>
public static class FilledDocumentsApi
{
    public static void MapFilledDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("填写版文件").RequireAuthorization().ServesDocuments();
        group.MapGet("/cases/{instanceId:long}/documents/{templateKey}.{format}", ForCase)
            .Produces<Stream>(StatusCodes.Status200OK, DocumentsApi.DocxType, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status500InternalServerError)
            .WithName("DownloadCaseDocument").WithSummary("下载案件的填写版附件")
            .WithDescription("出具案件的填写版附件（4、5、6、7、8、9），format 为 docx（Word 下载）或 html（网页），每次下载出具新的核验码（响应头 X-Verification-Code）。只能下载本辖区可见的案件；案件不存在或无权查看、附件不适用于该案件、格式不支持均为 404，文书模板有误为 500。");
        group.MapGet("/cases/{instanceId:long}/issued/{code}", Archived)
            .Produces<Stream>(StatusCodes.Status200OK, DocumentsApi.DocxType, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DownloadIssuedCaseDocument").WithSummary("下载案件签发存档的文书")
            .WithDescription("下载案件流程签发并存档的文书（如认定证书）原件，每次下载都是同一文件、同一核验码。只能下载本辖区可见的案件；案件不存在或无权查看、没有该核验码的存档文书均为 404。");
        group.MapGet("/units/{unitCode}/documents/annex-03.{format}", ForUnit)
            .Produces<Stream>(StatusCodes.Status200OK, DocumentsApi.DocxType, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status500InternalServerError)
            .WithName("DownloadUnitRecommendationReport").WithSummary("下载报送单位的推荐报告")
            .WithDescription("出具报送单位的推荐报告（附件3），按推荐排序列出推荐企业，year 缺省为最近年度，每次下载出具新的核验码。仅该单位的市级工信部门和省级可下载，其他人或单位不存在为 404，格式不支持为 404，文书模板有误为 500。");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ForCase(long instanceId, string templateKey, string format, HttpContext http, LeadRunnerDb db,
        FilledDocuments filled, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!IssuedFormats.IsKnown(format))
        {
            return ApiProblems.NotFound($"不支持的文件格式“{format}”：请使用 docx 或 html。");
        }
        if (FilledTemplates.Find(templateKey) is not { OfUnit: false } annex)
        {
            return ApiProblems.NotFound($"案件没有名为“{templateKey}”的填写版文件：可用 {string.Join("、", FilledTemplates.OfCase.Select(a => a.Key))}。");
        }
        if (await FilledData.LoadCaseAsync(db, instanceId, cancellationToken) is not { } source)
        {
            return ApiProblems.NotFound($"未找到编号为 {instanceId} 的申报案件，或您无权查看。");
        }
        if (FilledTemplates.NotApplicable(annex, source.Variables) is { } reason)
        {
            return ApiProblems.NotFound(reason);
        }
        return await IssueAsync(http, db, audit, () => filled.ForCaseAsync(source, annex, format, Issuer.Of(http.User), cancellationToken),
            $"附件{annex.Number}_{annex.Title}_{source.Enterprise.Name}", cancellationToken);
    }

    public static string ArchivedPath(long instanceId, string code) => $"/api/cases/{instanceId}/issued/{code}";

    /// <summary>An archived document of a case the caller may see; anything else is 404.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Archived(long instanceId, string code, LeadRunnerDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var found = await db.WorkflowInstances.AnyAsync(i => i.Id == instanceId, cancellationToken)
            ? await db.Set<IssuedDocument>().AsNoTracking()
                .Where(d => d.CaseId == instanceId && d.Code == code && d.Archived != null)
                .Select(d => new { d.Archived, d.Title, d.Subject, d.Format })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (found is null)
        {
            return ApiProblems.NotFound($"案件 {instanceId} 没有核验码为“{code}”的存档文书，或您无权查看。");
        }
        audit.Record("下载签发文书", $"{found.Title}_{found.Subject}", after: $"案件 {instanceId}，核验码 {code}", kind: AuditKinds.Download);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(found.Archived!, IssuedFormats.ContentType(found.Format), $"{found.Title}_{found.Subject}_{code}.{found.Format}");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ForUnit(string unitCode, string format, int? year, HttpContext http, LeadRunnerDb db,
        FilledDocuments filled, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!IssuedFormats.IsKnown(format))
        {
            return ApiProblems.NotFound($"不支持的文件格式“{format}”：请使用 docx 或 html。");
        }
        var scope = AccessScope.For(http.User);
        var unit = await db.ReportingUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken);
        if (unit is null || !MayActForUnit(scope, unitCode))
        {
            return ApiProblems.NotFound($"未找到报送单位“{unitCode}”，或您无权查看其推荐报告。");
        }
        var (chosenYear, cases) = await RecommendedCases.ListAsync(db, unitCode, year, cancellationToken);
        var rows = await filled.UnitRowsAsync(cases, cancellationToken);
        return await IssueAsync(http, db, audit, () => filled.ForUnitAsync(unit.Code, unit.Name, chosenYear, rows, format, Issuer.Of(http.User), cancellationToken),
            $"附件3_{FilledTemplates.RecommendationReport.Title}_{unit.Name}", cancellationToken);
    }

    /// <summary>A unit's own documents and package: its city officer, and the province and administrators.</summary>
    public static bool MayActForUnit(AccessScope scope, string unitCode) =>
        scope.SeesAll || (scope.Role == Roles.City && scope.UnitCode == unitCode);

    /// <summary>Issues, records and delivers; a template an administrator broke is named in the answer rather than a bare error.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> IssueAsync(HttpContext http, LeadRunnerDb db, AuditLog audit, Func<Task<IssuedFile>> issue, string name, CancellationToken cancellationToken)
    {
        IssuedFile file;
        try
        {
            file = await issue();
        }
        catch (Exception ex) when (ex is Scripting.ScriptFailureException or KeyNotFoundException)
        {
            return TypedResults.Problem(title: "文书模板错误", detail: $"{ex.Message}请联系系统管理员检查文书模板。", statusCode: StatusCodes.Status500InternalServerError);
        }
        // The issued record and the audit entry of who downloaded it are saved together.
        audit.Record("下载填写版文件", name, after: $"核验码 {file.Code}（{file.Format}）", kind: AuditKinds.Download);
        await db.SaveChangesAsync(cancellationToken);
        return Deliver(http, file, name);
    }

    private static FileContentHttpResult Deliver(HttpContext http, IssuedFile file, string name)
    {
        http.Response.Headers["X-Verification-Code"] = file.Code;
        // HTML opens in the browser for reading and printing; Word is a download.
        return file.Format == IssuedFormats.Html
            ? TypedResults.Bytes(file.Bytes, file.ContentType)
            : TypedResults.File(file.Bytes, file.ContentType, Packages.PackageWriter.SafeName(name, "document") + ".docx");
    }
}

using System.Security.Claims;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LeadRunner.Uploads;

/// <summary>
/// GET /api/uploads/{id}: the file, streamed from disk, for its owner, for accounts of the enterprise it belongs to
/// and for staff whose region covers that enterprise (the enterprise query filter decides), and for the province
/// and administrators, and for the visitor holding the upload grant it was sent with. Anyone else gets the same 404 as for a file that does not exist.
/// </summary>
public static class DownloadFile
{
    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, HttpContext http, LeadRunnerDb db, UploadStorage storage, UploadGrants grants, ILoggerFactory loggers, CancellationToken ct)
    {
        // A visitor's grant (even expired, while its signature holds) lets them read back what they uploaded with it.
        var grantOwner = UploadGrants.TokenOf(http.Request) is { } token && grants.Read(token) is (not UploadGrants.Status.Forged, { } grant) ? grant.Owner : null;
        if (grantOwner is null && http.User.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Problem(title: "需要登录", detail: "请先登录再下载文件。", statusCode: StatusCodes.Status401Unauthorized);
        }
        var userId = grantOwner ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var seesAll = db.Scope.SeesAll;
        var file = await db.StoredFiles.AsNoTracking()
            .Where(f => f.Id == id)
            .Where(f => seesAll || f.OwnerUserId == userId || (f.EnterpriseId != null && db.Enterprises.Any(e => e.Id == f.EnterpriseId)))
            .FirstOrDefaultAsync(ct);
        if (file is null)
        {
            return ApiProblems.NotFound("文件不存在或不在您的查看范围内。");
        }
        var path = storage.BlobPath(file.Sha256);
        if (!File.Exists(path))
        {
            loggers.CreateLogger(typeof(DownloadFile)).LogError("上传文件 {FileId} 的内容 {Sha256} 不在存储目录中", file.Id, file.Sha256);
            return ApiProblems.NotFound("文件内容已不在存储中，请联系管理员。");
        }
        // Uploaded content is served as the detected type only (nosniff and a document policy: SecurityHeaders), and not kept by shared caches.
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.PhysicalFile(path, file.ContentType, file.FileName, file.CreatedAt,
            new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }
}

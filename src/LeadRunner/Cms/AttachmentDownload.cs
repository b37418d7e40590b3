using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms;

/// <summary>
/// GET /attachments/{itemId}/{fileId}: a file attached to a published item, for anyone, while the item is public. The
/// upload store's own download stays for owners and staff; this one answers only for files the item lists.
/// </summary>
public static class AttachmentDownload
{
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> HandleAsync(
        int itemId, Guid fileId, HttpContext http, LeadRunnerDb db, IUploadedFiles files, CancellationToken ct)
    {
        var item = await db.SiteItems.AsNoTracking()
            .Where(i => i.Id == itemId && i.PublishedAt != null)
            .Select(i => new { i.WithdrawnAt, i.Attachments })
            .FirstOrDefaultAsync(ct);
        var attachment = item?.Attachments.FirstOrDefault(a => a.Id == fileId);
        if (item is null || attachment is null)
        {
            return ApiProblems.NotFound("附件不存在。");
        }
        if (item.WithdrawnAt is not null)
        {
            return TypedResults.Problem(title: "已撤下", detail: "该附件所属的内容已从网站撤下，附件不再提供下载。", statusCode: StatusCodes.Status410Gone);
        }
        Stream stream;
        try
        {
            stream = await files.OpenReadAsync(fileId, ct);
        }
        catch (Exception e) when (e is KeyNotFoundException or FileNotFoundException or DirectoryNotFoundException)
        {
            return ApiProblems.NotFound("附件文件已不在存储中，请联系网站管理员。");
        }
        // Served as the type the upload store detected (nosniff and the document policy: SecurityHeaders); no-cache so a withdrawal holds at once.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.File(stream, attachment.ContentType, attachment.FileName);
    }
}

using System.Globalization;
using System.Security.Claims;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Uploads;

/// <summary>
/// POST /api/uploads: what Form.io's "url" storage sends (a multipart body with the file in <c>file</c>, plus
/// <c>name</c> and <c>dir</c>), with optional <c>form</c> and <c>field</c> in the query or the body so that the
/// field's own limit and types apply. Nothing is kept unless every check passes.
/// </summary>
public static class UploadFile
{
    /// <summary>Room for the multipart boundaries, part headers and small text fields around the file.</summary>
    public const long MultipartOverhead = 64 * 1024;

    public sealed record UploadedFileDto(Guid Id, string Url, string Name, string OriginalName, long Size, string Type, string Sha256, FormioData Data);

    /// <summary>
    /// Form.io's url provider reads <c>data</c> when the response has it, and prefixes a url starting with "/" by the
    /// upload url; an absolute url is stored as is, so the file entry keeps a url that <see cref="IUploadedFiles.TryParseId"/> reads.
    /// </summary>
    public sealed record FormioData(Guid Id, string Url, string Name, string Sha256);

    public static async Task<Results<Created<UploadedFileDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpContext http, MultipartUploadReader reader, IUploadFieldRules fieldRules, IUploadScanner scanner,
        UploadStorage storage, LeadRunnerDb db, IOptions<UploadOptions> options, TimeProvider clock, UploadQuota quota, UploadGrants grants, CancellationToken ct)
    {
        var request = http.Request;
        var formKey = FirstNonEmpty(request.Query["form"]);
        var fieldKey = FirstNonEmpty(request.Query["field"]);
        var grantToken = UploadGrants.TokenOf(request);
        UploadGrant? grant = null;
        string userId;
        if (grantToken is not null)
        {
            var (refused, granted) = await CheckGrantAsync(grants, grantToken, formKey, fieldKey, fieldRules, db, ct);
            if (refused is not null)
            {
                return refused;
            }
            (grant, userId, formKey) = (granted, granted!.Owner, granted.FormKey);
        }
        else if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } signedIn)
        {
            userId = signedIn;
        }
        else
        {
            return TypedResults.Problem(title: "需要登录", detail: "请先登录再上传文件；公开表单的访客请刷新表单页面以取得上传凭证。", statusCode: StatusCodes.Status401Unauthorized);
        }
        if (await quota.CheckAsync(userId, 0, ct) is { } spent)
        {
            return UploadQuota.Problem(http, spent);
        }
        var globalMax = options.Value.MaxBytes;
        var rule = formKey is not null && fieldKey is not null ? await fieldRules.GetRulesAsync(formKey, fieldKey, ct) : null;
        var ruleKnown = formKey is not null && fieldKey is not null;
        var limit = Math.Min(globalMax, rule?.MaxBytes ?? long.MaxValue);

        // Refuse before reading a byte when the client announces a body that cannot fit.
        if (request.ContentLength > limit + MultipartOverhead)
        {
            return TooLarge(limit, rule?.MaxBytes < globalMax);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = globalMax + MultipartOverhead;
        }

        var outcome = await reader.ReadAsync(request, async fields =>
        {
            if (!ruleKnown && Keys(fields) is ({ } form, { } field))
            {
                (formKey, fieldKey, ruleKnown) = (form, field, true);
                rule = await fieldRules.GetRulesAsync(form, field, ct);
            }
            return Math.Min(globalMax, rule?.MaxBytes ?? long.MaxValue);
        }, ct);

        switch (outcome)
        {
            case MultipartUploadReader.TooLarge:
                return TooLarge(Math.Min(globalMax, rule?.MaxBytes ?? long.MaxValue), rule?.MaxBytes < globalMax);
            case MultipartUploadReader.Invalid invalid:
                return ApiProblems.Invalid(invalid.Field, invalid.Message);
        }
        var upload = (MultipartUploadReader.Received)outcome;
        var kept = false;
        try
        {
            // Text fields may follow the file (Form.io sends file, name, dir in that order).
            if (!ruleKnown && Keys(upload.Fields) is ({ } form, { } field))
            {
                (formKey, fieldKey) = (form, field);
                rule = await fieldRules.GetRulesAsync(form, field, ct);
                if (upload.Size > rule?.MaxBytes)
                {
                    return TooLarge(rule.MaxBytes.Value, true);
                }
            }
            if (upload.Size == 0)
            {
                return ApiProblems.Invalid("file", "文件为空，请选择有内容的文件。");
            }
            if (await quota.CheckAsync(userId, upload.Size, ct) is { } overQuota)
            {
                return UploadQuota.Problem(http, overQuota);
            }
            var type = UploadContentTypes.Detect(upload.Header, upload.TempPath);
            if (type is null)
            {
                return ApiProblems.Invalid("file", $"文件类型不支持：“{upload.OriginalName}”不是 PDF、DOCX、JPEG 或 PNG 文件（按文件内容判断，与文件名无关）。");
            }
            if (rule?.AllowedTypes is { Count: > 0 } allowed && !allowed.Contains(type))
            {
                return ApiProblems.Invalid("file", $"该字段只接受 {string.Join("、", allowed.Select(t => t.Name))} 文件，收到的是 {type.Name} 文件。");
            }
            var name = UploadFileNames.Sanitize(upload.OriginalName ?? upload.Fields.GetValueOrDefault("name"), type);
            if (name.Error is not null)
            {
                return ApiProblems.Invalid("file", name.Error);
            }
            var verdict = await scanner.ScanAsync(new UploadScanRequest(upload.TempPath, name.FileName!, type.MimeType, upload.Size, upload.Sha256, userId), ct);
            if (!verdict.Accepted)
            {
                return ApiProblems.Invalid("file", $"文件未通过安全检查：{verdict.Reason ?? "原因未说明"}。");
            }

            var record = new StoredFile
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Sha256 = upload.Sha256,
                FileName = name.FileName!,
                ContentType = type.MimeType,
                Size = upload.Size,
                OwnerUserId = userId,
                EnterpriseId = grant is null ? AccessScope.For(http.User).EnterpriseId : null,
                FormKey = Truncate(formKey),
                FieldKey = Truncate(fieldKey),
                CreatedAt = clock.GetUtcNow(),
            };
            // The write lock is held from the rename to the commit, so the orphan sweep cannot delete a blob in between.
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                storage.Promote(upload.TempPath, upload.Sha256);
                kept = true;
                db.StoredFiles.Add(record);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            var url = IUploadedFiles.UrlFor(record.Id);
            // A visitor's link carries the grant: the download checks it, as the browser's link cannot send a header.
            var absolute = $"{request.Scheme}://{request.Host}{request.PathBase}{url}" + (grant is null ? "" : $"?grant={Uri.EscapeDataString(grantToken!)}");
            return TypedResults.Created(url, new UploadedFileDto(record.Id, url, record.FileName, upload.OriginalName ?? record.FileName,
                record.Size, record.ContentType, record.Sha256, new FormioData(record.Id, absolute, record.FileName, record.Sha256)));
        }
        finally
        {
            if (!kept)
            {
                File.Delete(upload.TempPath);
            }
        }
    }

    /// <summary>
    /// Why a grant may not upload this file (null when it may): it must verify, be unexpired, name the form it was
    /// issued for and one of that form's file fields, and have files left.
    /// </summary>
    private static async Task<(ProblemHttpResult? Refusal, UploadGrant? Grant)> CheckGrantAsync(UploadGrants grants, string token, string? formKey, string? fieldKey,
        IUploadFieldRules fieldRules, LeadRunnerDb db, CancellationToken ct)
    {
        var (status, grant) = grants.Read(token);
        if (status == UploadGrants.Status.Forged)
        {
            return (ApiProblems.Forbidden(UploadGrants.ForgedMessage), null);
        }
        if (status == UploadGrants.Status.Expired)
        {
            return (ApiProblems.Forbidden(grants.ExpiredMessage), null);
        }
        if (formKey is not null && !string.Equals(formKey, grant!.FormKey, StringComparison.Ordinal))
        {
            return (ApiProblems.Forbidden(UploadGrants.WrongFormMessage(grant.FormKey, formKey)), null);
        }
        if (fieldKey is null || await fieldRules.GetRulesAsync(grant!.FormKey, fieldKey, ct) is null)
        {
            return (TypedResults.Problem(title: "提交的数据有误", detail: $"凭上传凭证上传时须在地址中指明表单“{grant!.FormKey}”的文件字段 field。", statusCode: StatusCodes.Status400BadRequest), null);
        }
        var used = await db.StoredFiles.CountAsync(f => f.OwnerUserId == grant.Owner, ct);
        if (used >= grants.MaxFiles)
        {
            return (ApiProblems.TooMany($"每个上传凭证最多上传 {grants.MaxFiles} 个文件，已达上限，未保存。"), null);
        }
        return (null, grant);
    }

    private static ProblemHttpResult TooLarge(long limit, bool fieldLimit) =>
        ApiProblems.TooLarge(fieldLimit
            ? $"文件超过该字段允许的大小（最大 {FormatSize(limit)}），未保存。"
            : $"文件超过系统允许的大小（最大 {FormatSize(limit)}），未保存。");

    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB";

    /// <summary>The form and field keys from body fields: <c>form</c> + <c>field</c>, or Form.io's <c>dir</c> as "form/field".</summary>
    private static (string?, string?) Keys(IReadOnlyDictionary<string, string> fields)
    {
        var form = fields.GetValueOrDefault("form");
        var field = fields.GetValueOrDefault("field");
        if (!string.IsNullOrEmpty(form) && !string.IsNullOrEmpty(field))
        {
            return (form, field);
        }
        if (fields.GetValueOrDefault("dir") is { } dir && dir.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var f, var k])
        {
            return (f, k);
        }
        return (null, null);
    }

    // Form.io appends its own empty "form" query value after ours, so the first non-empty one is the form key.
    private static string? FirstNonEmpty(Microsoft.Extensions.Primitives.StringValues values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string? Truncate(string? key) => key is { Length: > 100 } ? key[..100] : key;
}

using System.Security.Cryptography;
using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// /verify/{code}: anyone holding a printed or downloaded document checks it here. A file chosen in the page is
/// hashed on the server as it streams in and compared with the recorded SHA-256; it is never stored. Hashing up to
/// 50 MB costs the server, so an anonymous client's posts count against the anonymous-submission allowance.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Hosting.RateLimits.AnonymousSubmissions)]
[RequestSizeLimit(MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
public sealed class VerifyPageModel(LeadRunnerDb db) : PageModel
{
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public string? Code { get; private set; }
    public VerifyApi.VerifiedDocument? Document { get; private set; }
    public string? Problem { get; private set; }
    public string? UploadedSha256 { get; private set; }
    public bool? Matches { get; private set; }

    /// <summary>Who issued it, for staff whose region covers the document; the public sees only the issuing office.</summary>
    public string? IssuingPerson { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        await LoadAsync(code, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return Page();
        }
        if (file is null || file.Length == 0)
        {
            Problem = "请选择要比对的文件。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var stream = file.OpenReadStream();
        UploadedSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        Matches = string.Equals(UploadedSha256, Document!.Sha256, StringComparison.Ordinal);
        return Page();
    }

    private async Task<bool> LoadAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }
        Document = await VerifyApi.FindAsync(db, code, cancellationToken);
        if (Document is null)
        {
            Problem = VerifyApi.UnknownMessage(code);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        IssuingPerson = await IssuingPersonAsync(Document.Code, cancellationToken);
        return true;
    }

    private async Task<string?> IssuingPersonAsync(string code, CancellationToken cancellationToken)
    {
        var scope = db.Scope;
        if (scope.Role is null or Roles.Enterprise)
        {
            return null;
        }
        var d = await db.Set<IssuedDocument>().AsNoTracking().Where(x => x.Code == code)
            .Select(x => new { x.IssuerUserName, x.IssuerName, x.CaseId, x.UnitCode }).FirstAsync(cancellationToken);
        var covered = scope.SeesAll || (d.UnitCode is not null && d.UnitCode == scope.UnitCode)
            || (d.CaseId is { } caseId && await db.WorkflowInstances.AnyAsync(i => i.Id == caseId, cancellationToken));
        return !covered ? null : d.IssuerUserName is null ? "系统自动出具" : $"{d.IssuerName}（{d.IssuerUserName}）";
    }
}

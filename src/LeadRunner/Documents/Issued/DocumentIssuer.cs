using System.Security.Cryptography;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Issued;

/// <summary>What a filled document is, for whom, and who asks for it.</summary>
public sealed record IssueRequest(string TemplateKey, string Title, int? AnnexNumber, string Subject, Issuer Issuer, long? CaseId, string? UnitCode, bool Archive = false)
{
    /// <summary>The round the document belongs to; its pinned template version is the one filled.</summary>
    public int? RoundYear { get; init; }
    public int? TemplateVersion { get; init; }
}

/// <summary>A document as delivered, with the code and hash recorded for it.</summary>
public sealed record IssuedFile(string Code, string Format, byte[] Bytes, string Sha256)
{
    public string ContentType => IssuedFormats.ContentType(Format);
}

public static class IssuedFormats
{
    public const string Docx = "docx";
    public const string Html = "html";

    public static bool IsKnown(string format) => format is Docx or Html;

    public static string ContentType(string format) => format == Docx
        ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        : "text/html; charset=utf-8";
}

public sealed class VerificationOptions
{
    /// <summary>The address the public reaches the site at, printed into every code's QR; empty = the request's own address.</summary>
    public string PublicBaseUrl { get; set; } = "";
}

/// <summary>
/// Where the public verifies a document: the configured address, else the address of the request being served,
/// else the first address the server listens on — never a second copy of the port to keep in sync.
/// </summary>
public sealed class VerificationAddress(
    Microsoft.Extensions.Options.IOptions<VerificationOptions> options,
    IHttpContextAccessor http,
    Microsoft.AspNetCore.Hosting.Server.IServer server)
{
    public string BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }
            if (http.HttpContext?.Request is { Host.HasValue: true } request)
            {
                return $"{request.Scheme}://{request.Host}{request.PathBase}";
            }
            var listening = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost")
                .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/');
        }
    }
}

/// <summary>
/// Gives each filled document its code and QR and records it. The hash is taken of the final bytes, after the stamp
/// is embedded, so the verify page shows the hash of exactly the file that was downloaded.
/// </summary>
public sealed class DocumentIssuer(LeadRunnerDb db, TimeProvider clock, VerificationAddress address)
{
    /// <summary>Stamps and records one document; the caller saves the DbContext (once per request or per package step).</summary>
    public async Task<IssuedFile> IssueAsync(IssueRequest request, string format, Func<VerificationStamp, byte[]> produce, CancellationToken cancellationToken)
    {
        var code = await NewCodeAsync(cancellationToken);
        var issuedAt = clock.GetUtcNow();
        var stamp = VerificationStamp.For(code, address.BaseUrl, issuedAt);
        var bytes = produce(stamp);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        db.Set<IssuedDocument>().Add(new IssuedDocument
        {
            Code = code,
            TemplateKey = request.TemplateKey,
            Title = request.Title,
            AnnexNumber = request.AnnexNumber,
            RoundYear = request.RoundYear,
            TemplateVersion = request.TemplateVersion,
            Subject = request.Subject,
            IssuedAt = issuedAt,
            IssuerRole = request.Issuer.Role,
            IssuerUserName = request.Issuer.UserName,
            IssuerName = request.Issuer.DisplayName,
            Sha256 = sha256,
            Format = format,
            Size = bytes.LongLength,
            CaseId = request.CaseId,
            UnitCode = request.UnitCode,
            Archived = request.Archive ? bytes : null,
        });
        return new IssuedFile(code, format, bytes, sha256);
    }

    private async Task<string> NewCodeAsync(CancellationToken cancellationToken)
    {
        // Collisions are astronomically rare; the unique index is the real guard, this only avoids a failed save.
        while (true)
        {
            var code = VerificationCodes.New();
            if (!db.Set<IssuedDocument>().Local.Any(d => d.Code == code)
                && !await db.Set<IssuedDocument>().AnyAsync(d => d.Code == code, cancellationToken))
            {
                return code;
            }
        }
    }
}

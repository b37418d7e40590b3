using System.Security.Cryptography;
using LeadRunner.Data;
using LeadRunner.Hosting;
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
    /// <summary>
    /// The address the public reaches the site at, printed into every code's QR and used in mails; empty = the request's
    /// own address (and, in Development and Testing only, the listening address for work done without a request).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}

/// <summary>Background work outside Development and Testing needs <see cref="VerificationOptions.PublicBaseUrl"/>.</summary>
public sealed class VerificationAddressMissingException() : InvalidOperationException(VerificationAddress.MissingMessage);

/// <summary>
/// Where the public verifies a document: the configured address whenever it is set; else the address of the request
/// being served; else, in Development and Testing, the first address the server listens on. In production, work
/// without a request (packages, timers, mail) refuses to print a guessed address such as http://localhost:5000.
/// </summary>
public sealed class VerificationAddress(
    Microsoft.Extensions.Options.IOptions<VerificationOptions> options,
    IHttpContextAccessor http,
    Microsoft.AspNetCore.Hosting.Server.IServer server,
    IHostEnvironment environment)
{
    public const string MissingMessage =
        "未配置本系统的公网地址（Verification:PublicBaseUrl）：后台生成的文书和邮件（材料包、定时流转、邮件通知）无法写出核验地址。"
        + "请在配置中设置公众访问本系统的网址，如 https://lingpao.hebei.example，然后重试。";

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
            if (!environment.IsDevelopmentOrTesting())
            {
                throw new VerificationAddressMissingException();
            }
            var listening = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost")
                .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/');
        }
    }

    /// <summary>A set address must be an absolute http(s) URL: it is printed on every document.</summary>
    public static void Validate(VerificationOptions options)
    {
        if (options.PublicBaseUrl is { Length: > 0 } value
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0))
        {
            throw new InvalidOperationException($"配置 Verification:PublicBaseUrl 的值“{value}”不是有效的网址：应为 https://（或 http://）开头的完整地址，如 https://lingpao.hebei.example。");
        }
    }

    /// <summary>Outside Development and Testing an unset address is a warning at start: background documents and mail will be refused.</summary>
    public static void WarnWhenUnset(WebApplication app)
    {
        if (!app.Environment.IsDevelopmentOrTesting()
            && app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VerificationOptions>>().Value.PublicBaseUrl.Length == 0)
        {
            app.Logger.LogWarning("{Message} 在此之前，请求中出具的文书使用请求的地址（请同时把 AllowedHosts 设为本系统的域名）。", MissingMessage);
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

using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// The public check of an issued document. Shows what was issued, about which organisation, by which role and when,
/// and the SHA-256 of the delivered file — nothing about people (no names, phones or e-mails).
/// </summary>
public static class VerifyApi
{
    public sealed record VerifiedDocument(
        string Code, string Title, int? AnnexNumber, string TemplateKey, string Subject,
        DateTimeOffset IssuedAt, string IssuerRole, string IssuerRoleName, string Format, long Size, string Sha256)
    {
        /// <summary>For a certificate: its title now — valid, reReview, revoked or expired (null for other documents).</summary>
        public string? Status { get; init; }
        public string? StatusName { get; init; }

        /// <summary>When a revoked or ended title ended, and why (as the public change log states it).</summary>
        public DateOnly? EndedOn { get; init; }
        public string? StatusReason { get; init; }
    }

    public static void MapVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/verify/{code}", Get).AllowAnonymous().WithTags("文件核验")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("VerifyIssuedDocument").WithSummary("按核验码核验出具的文件")
            .WithDescription("按核验码查询本平台出具的文件：名称、所涉单位、出具角色和时间、文件的 SHA-256，认定证书还给出当前状态；不含任何个人信息，匿名可用。核验码格式不对或查无此文件为 404。");
    }

    public static async Task<Results<Ok<VerifiedDocument>, ProblemHttpResult>> Get(string code, LeadRunnerDb db, CancellationToken cancellationToken) =>
        await FindAsync(db, code, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound(UnknownMessage(code));

    public static string UnknownMessage(string? code) => VerificationCodes.Normalize(code) is null
        ? $"核验码“{code}”格式不正确：核验码为 {VerificationCodes.Length} 位字母数字（不含 0、1、I、L、O）。"
        : $"未找到核验码为“{VerificationCodes.Normalize(code)}”的文件，请核对核验码；该文件可能并非本平台出具。";

    public static async Task<VerifiedDocument?> FindAsync(LeadRunnerDb db, string? code, CancellationToken cancellationToken)
    {
        if (VerificationCodes.Normalize(code) is not { } normalized)
        {
            return null;
        }
        // Projected, so an archived document's bytes are not read to answer a public check.
        var d = await db.Set<IssuedDocument>().AsNoTracking().Where(x => x.Code == normalized)
            .Select(x => new { x.Code, x.Title, x.AnnexNumber, x.TemplateKey, x.Subject, x.IssuedAt, x.IssuerRole, x.Format, x.Size, x.Sha256 })
            .FirstOrDefaultAsync(cancellationToken);
        if (d is null)
        {
            return null;
        }
        // The file stays authentic after a revocation; what it certifies may not, so a certificate says both.
        var standing = await Holders.Revocation.CertificateStanding.ForCodeAsync(db, d.Code, cancellationToken);
        return new VerifiedDocument(d.Code, d.Title, d.AnnexNumber, d.TemplateKey, d.Subject, d.IssuedAt, d.IssuerRole,
            Roles.ChineseNames.GetValueOrDefault(d.IssuerRole, d.IssuerRole), d.Format, d.Size, d.Sha256)
        {
            Status = standing?.Status, StatusName = standing?.StatusName, EndedOn = standing?.EndedOn, StatusReason = standing?.Reason,
        };
    }
}

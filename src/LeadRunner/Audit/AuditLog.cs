using System.Security.Claims;
using LeadRunner.Data;
using Microsoft.Extensions.Options;

namespace LeadRunner.Audit;

public sealed class AuditOptions
{
    /// <summary><see cref="AuditChain.Sha256"/> (default) or <see cref="AuditChain.Sm3"/>.</summary>
    public string HashAlgorithm { get; set; } = AuditChain.Sha256;
}

/// <summary>
/// Adds audit entries to the current unit of work, so the change and its record commit together. The chain hash is
/// filled in by the database when the row is inserted (see <see cref="AuditChain"/>), so callers only add the row.
/// </summary>
public sealed class AuditLog(LeadRunnerDb db, IHttpContextAccessor http, TimeProvider clock, IOptions<AuditOptions> options)
{
    public void Record(string action, string subject, string? before = null, string? after = null, string? reason = null,
        string kind = AuditKinds.Configuration, string? userName = null)
    {
        var context = http.HttpContext;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserName = Clip(userName ?? context?.User.FindFirstValue(ClaimTypes.Name) ?? "系统", 100),
            Kind = kind,
            Action = Clip(action, 100),
            Subject = Clip(subject, 200),
            Before = before,
            After = after,
            Reason = reason is null ? null : Clip(reason, 500),
            ClientIp = context is null ? null : Hosting.ClientAddress.Of(context),
            HashAlgorithm = options.Value.HashAlgorithm,
        });
    }

    // SQLite does not enforce lengths; clipping keeps an entry's size bounded whatever a caller passes. A cut never
    // halves a character beyond U+FFFF: PostgreSQL refuses half of one, and SQLite would store U+FFFD instead.
    private static string Clip(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}

using System.Security.Claims;
using LeadRunner.Data;

namespace LeadRunner.Admin;

/// <summary>Adds audit entries to the current unit of work, so the change and its record commit together.</summary>
public sealed class AuditLog(LeadRunnerDb db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <param name="actor">Who acted, when not the signed-in user (a sign-in attempt names the account tried).</param>
    public void Record(string action, string subject, string? before = null, string? after = null, string? reason = null, string? actor = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserName = actor ?? http.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? "系统",
            Action = action,
            Subject = subject,
            Before = before,
            After = after,
            Reason = reason,
        });
    }
}

using System.Security.Claims;
using LeadRunner.Accounts;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// Who issues a document: the office (role) printed for the public, and the person (account and display name)
/// recorded for staff tracing. A document the system issues on its own (a timer) has no person.
/// </summary>
public sealed record Issuer(string Role, string? UserName, string? DisplayName)
{
    public static Issuer Of(ClaimsPrincipal user) =>
        new(AccessScope.For(user).Role ?? "unknown", user.FindFirstValue(ClaimTypes.Name), user.FindFirstValue(ScopeClaims.DisplayName));
}

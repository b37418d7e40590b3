using System.Security.Claims;
using LeadRunner.Accounts;

namespace LeadRunner.Workflow.Runtime;

/// <summary>Who takes an action: a signed-in person with their scope, or the system (timers, start-up).</summary>
public sealed record Actor(string Name, AccessScope Scope)
{
    public static readonly Actor System = new("系统", AccessScope.System);

    /// <summary>The account's id, which file ownership and form drafts are recorded under; null for the system.</summary>
    public string? UserId { get; init; }

    /// <summary>The display name of the person, printed nowhere but recorded as the issuer of documents they cause.</summary>
    public string? DisplayName { get; init; }

    public static Actor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.Name) ?? "匿名", AccessScope.For(user))
        {
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier), DisplayName = user.FindFirstValue(ScopeClaims.DisplayName),
        };

    public bool IsSystem => ReferenceEquals(this, System) || Scope == AccessScope.System;
}

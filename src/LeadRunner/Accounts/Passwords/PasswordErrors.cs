using Microsoft.AspNetCore.Identity;

namespace LeadRunner.Accounts.Passwords;

/// <summary>Identity's errors of a password change, keyed by the field they concern, for the API and the pages.</summary>
public static class PasswordErrors
{
    public static Dictionary<string, string[]> ByField(IdentityResult result) =>
        result.Errors.GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "oldPassword" : "newPassword")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}

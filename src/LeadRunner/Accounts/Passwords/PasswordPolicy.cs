using LeadRunner.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Accounts.Passwords;

/// <summary>
/// The rules beyond Identity's length check (GB/T 22239 level 3 身份鉴别): three of four character classes, not the
/// user name, not a known or common password, none of the last few passwords.
/// </summary>
public sealed class PasswordPolicy(LeadRunnerDb db, IOptions<AccountOptions> options) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 10;

    /// <summary>
    /// Our own list (the demo password, patterns Chinese users favour) and Mozilla's list of breached passwords
    /// (ASVS V2.1.7; see the licence note at the top of that file), compared ignoring case.
    /// </summary>
    internal static readonly Lazy<HashSet<string>> Common = new(() =>
        new[] { "common-passwords.txt", "common-passwords-mozilla.txt" }.SelectMany(Lines).ToHashSet(StringComparer.OrdinalIgnoreCase));

    private static IEnumerable<string> Lines(string resource)
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream($"LeadRunner.Accounts.Passwords.{resource}")!;
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        var classes = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }.Count(x => x);
        if (classes < 3)
        {
            errors.Add(Error("PasswordClasses", "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类。"));
        }
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Error("PasswordContainsUserName", "密码不能包含用户名。"));
        }
        if (Common.Value.Contains(password))
        {
            errors.Add(Error("PasswordCommon", "该密码过于常见或已公开（如演示密码），请换一个。"));
        }
        if (errors.Count == 0 && await WasUsedAsync(manager, user, password))
        {
            errors.Add(Error("PasswordReused", $"不能使用最近 {options.Value.PasswordHistory} 次用过的密码。"));
        }
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private async Task<bool> WasUsedAsync(UserManager<AppUser> manager, AppUser user, string password)
    {
        var recent = await db.PasswordHistory.Where(h => h.UserId == user.Id)
            .OrderByDescending(h => h.Id).Take(options.Value.PasswordHistory).Select(h => h.PasswordHash).ToListAsync();
        if (user.PasswordHash is { } current)
        {
            recent.Add(current);
        }
        return recent.Distinct().Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}

using System.Security.Cryptography;
using LeadRunner.Accounts.Sessions;
using LeadRunner.Audit;
using LeadRunner.Data;
using Microsoft.AspNetCore.Identity;

namespace LeadRunner.Accounts.Passwords;

/// <summary>
/// Every way a password changes: by its owner, or reset by the security administrator to a one-time password.
/// Either way the new hash enters the history and every existing session of the account ends; the owner is told of
/// their own change here, and of a reset by <see cref="Admin.AccountAdministration"/>.
/// </summary>
public sealed class PasswordChange(LeadRunnerDb db, UserManager<AppUser> users, SessionStore sessions, AuditLog audit, SecurityNotices notices, TimeProvider clock)
{
    public async Task<IdentityResult> ChangeAsync(AppUser user, string oldPassword, string newPassword)
    {
        // Identity saves as it goes; one transaction keeps the password, its history and the ended sessions together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, oldPassword, newPassword);
        if (!result.Succeeded)
        {
            return result;
        }
        await notices.PasswordChangedAsync(user);
        await AfterChangeAsync(user, mustChange: false, "修改密码", "本人修改");
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>Replaces the password with a one-time password the user must change at the next sign-in.</summary>
    public async Task<string> ResetAsync(AppUser user, string action)
    {
        var oneTime = OneTimePassword();
        // Joins the caller's transaction when an account is created with its first one-time password.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, oneTime);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", added.Errors.Select(e => e.Description)));
        }
        await AfterChangeAsync(user, mustChange: true, action, "设置一次性密码，须在首次登录时修改");
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        return oneTime;
    }

    private async Task AfterChangeAsync(AppUser user, bool mustChange, string action, string reason)
    {
        var now = clock.GetUtcNow();
        user.MustChangePassword = mustChange;
        user.PasswordChangedAt = now;
        await users.UpdateAsync(user);
        db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = user.PasswordHash!, ChangedAt = now });
        await sessions.EndAllAsync(user.Id, action);
        audit.Record(action, $"{user.UserName}（{user.DisplayName}）", reason: reason, kind: AuditKinds.Account);
        await db.SaveChangesAsync();
    }

    /// <summary>14 characters from an alphabet without look-alikes, with every character class present.</summary>
    public static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "@#%+=?!";
        const string all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 14)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }
}

using LeadRunner.Accounts.Sessions;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadRunner.Accounts.Login;

/// <summary>
/// Checks a user name and password for the login page and the token route alike. Unknown users, wrong passwords,
/// locked and disabled accounts get the same answer after the same work (one password hash check), so neither the
/// message nor the timing tells an attacker which account names exist.
/// </summary>
public sealed class PasswordSignIn(
    LeadRunnerDb db,
    UserManager<AppUser> users,
    TimeProvider clock,
    AuditLog audit,
    IOptions<AccountOptions> options)
{
    public const string Refused = "用户名或密码不正确，或账号暂不可用。";

    // A real hash of a random password: verifying against it costs what verifying a real account costs.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), SessionStore.NewId()));

    public abstract record Result
    {
        public sealed record Success(AppUser User) : Result;
        public sealed record Failure : Result;
        public sealed record BackedOff(TimeSpan RetryAfter) : Result
        {
            /// <summary>Whole seconds to wait, at least one: the Retry-After header and the message say the same.</summary>
            public int Seconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
        }
    }

    public async Task<Result> CheckAsync(string userName, string password, HttpContext http)
    {
        userName = userName.Trim();
        var now = clock.GetUtcNow();
        var client = ClientAddress.Of(http);
        var key = $"{users.NormalizeName(userName)}|{client}";
        var throttle = await db.LoginThrottles.FindAsync(key);
        if (throttle?.BlockedUntil is { } until && until > now)
        {
            VerifyDummy(password);
            audit.Record("登录受限", Subject(userName, client), reason: $"失败 {throttle.Failures} 次，退避至 {until.ToChina():HH:mm:ss}", userName: Actor(userName), kind: AuditKinds.Login);
            await db.SaveChangesAsync();
            return new Result.BackedOff(until - now);
        }

        var user = await users.FindByNameAsync(userName);
        var verified = user?.PasswordHash is { } hash
            ? users.PasswordHasher.VerifyHashedPassword(user, hash, password)
            : VerifyDummy(password);
        var usable = user is not null && user.DisabledAt is null && !(user.LockoutEnd > now);
        if (verified == PasswordVerificationResult.Failed || !usable)
        {
            throttle ??= db.LoginThrottles.Add(new LoginThrottle { Key = key }).Entity;
            throttle.Failures++;
            throttle.LastFailureAt = now;
            throttle.BlockedUntil = BackOff(throttle.Failures) is { } wait ? now + wait : null;
            var why = user is null ? "用户不存在" : verified == PasswordVerificationResult.Failed ? "密码错误" : user.DisabledAt is not null ? "账号已停用" : "账号已锁定";
            audit.Record("登录失败", Subject(userName, client), reason: why, userName: Actor(userName), kind: AuditKinds.Login);
            await db.SaveChangesAsync();
            return new Result.Failure();
        }

        if (throttle is not null)
        {
            db.LoginThrottles.Remove(throttle);
        }
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user!.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        }
        if (options.Value.PasswordMaxAgeDays > 0 && user!.PasswordChangedAt is { } changed
            && now - changed > TimeSpan.FromDays(options.Value.PasswordMaxAgeDays))
        {
            user.MustChangePassword = true;
        }
        return new Result.Success(user!);
    }

    /// <summary>No wait for the first failures, then 1 minute doubling per failure, capped.</summary>
    private TimeSpan? BackOff(int failures)
    {
        var o = options.Value;
        if (failures < o.FailuresBeforeBackOff)
        {
            return null;
        }
        var doublings = Math.Min(failures - o.FailuresBeforeBackOff, 20);
        var seconds = Math.Min(o.BackOffSeconds * Math.Pow(2, doublings), o.MaxBackOffMinutes * 60.0);
        return TimeSpan.FromSeconds(seconds);
    }

    private PasswordVerificationResult VerifyDummy(string password)
    {
        users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
        return PasswordVerificationResult.Failed;
    }

    private static string Actor(string userName) => userName.Length == 0 ? "匿名" : userName[..Math.Min(userName.Length, 60)];

    private static string Subject(string userName, string client) => $"{userName[..Math.Min(userName.Length, 60)]}（来自 {client}）";
}

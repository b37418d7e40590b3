using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Notifications;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Accounts;

/// <summary>
/// Tells a person about changes to how they sign in (ASVS V2.2.3): their password was changed, the security
/// administrator reset it, or their account signed in from an address it had not used before. Each notice is addressed
/// to that account alone, in-app and by mail through <see cref="NotificationOutbox"/>, in the caller's unit of work.
/// </summary>
public sealed class SecurityNotices(LeadRunnerDb db, UserManager<AppUser> users, IHttpContextAccessor http, TimeProvider clock)
{
    private const string IfNotYou = "如非本人操作，请立即联系安全管理员。";

    public Task PasswordChangedAsync(AppUser user) =>
        AddAsync(user, "您的密码已修改", $"账号 {user.UserName} 的密码于 {Now} 修改（来自 {Client}），其他设备上的登录已全部退出。{IfNotYou}");

    public Task PasswordResetAsync(AppUser user) =>
        AddAsync(user, "您的密码已被安全管理员重置",
            $"账号 {user.UserName} 的密码于 {Now} 由安全管理员重置为一次性密码，原有登录已全部退出；请向安全管理员当面或通过安全渠道领取一次性密码，登录后须设置新密码。如您没有申请重置，请与安全管理员核实。");

    /// <summary>
    /// Notifies when <paramref name="user"/> signs in from <paramref name="clientIp"/> for the first time while having
    /// signed in before from elsewhere; call it before the new session is saved.
    /// </summary>
    public async Task SignInFromNewAddressAsync(AppUser user, string? clientIp, string how)
    {
        var sessions = db.UserSessions.Where(s => s.UserId == user.Id);
        if (!await sessions.AnyAsync() || await sessions.AnyAsync(s => s.ClientIp == clientIp))
        {
            return;
        }
        await AddAsync(user, "新地址登录提醒",
            $"账号 {user.UserName} 于 {Now} 从此前未用过的地址 {clientIp} 登录（{how}）。{IfNotYou}可在“我的账号”中查看登录记录并退出其他会话，或修改密码。");
    }

    private string Now => clock.GetUtcNow().ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private string Client => http.HttpContext is { } context ? ClientAddress.Of(context) : "未知";

    private async Task AddAsync(AppUser user, string title, string message) =>
        await NotificationOutbox.AddAsync(db, new Notification
        {
            UserId = user.Id,
            // The role is recorded for the reader's sake; a notice with a UserId reaches that account only.
            Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "",
            Title = title,
            Message = message,
            CreatedAt = clock.GetUtcNow(),
        });
}

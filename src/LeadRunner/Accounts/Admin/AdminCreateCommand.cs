using LeadRunner.Data;
using LeadRunner.Hosting;

namespace LeadRunner.Accounts.Admin;

/// <summary>
/// <c>admin create &lt;用户名&gt; [--role sysadmin|secadmin|auditor]</c>: the first administrators of a production
/// installation, which starts with no account. Prints a one-time password that must be changed at the first sign-in.
/// </summary>
public sealed class AdminCreateCommand : ICommand
{
    public string Name => "admin";
    public IReadOnlyList<string> Arguments => ["create", "<用户名>"];
    public string Description => "创建管理员账号（--role sysadmin 系统管理员，默认；secadmin 安全管理员；auditor 安全审计员），打印一次性密码，首次登录须修改。";

    public async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var role = context.Configuration["role"] ?? Roles.SysAdmin;
        if (arguments[0] != "create" || !Roles.Administrators.Contains(role))
        {
            await context.Error.WriteLineAsync($"用法：LeadRunner admin create <用户名> [--role {string.Join('|', Roles.Administrators)}]\n{Description}");
            return 2;
        }
        context.Builder.AddLeadRunner();
        await using var app = context.Builder.Build();
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountAdministration>()
            .CreateAsync(new AccountAdministration.NewAccount(arguments[1], Roles.ChineseNames[role], role, null, null, null));
        switch (outcome)
        {
            case AccountAdministration.Outcome.Done { User: var user, OneTimePassword: { } password }:
                await context.Out.WriteLineAsync($"已创建{Roles.ChineseNames[role]}账号 {user.UserName}。");
                await context.Out.WriteLineAsync($"一次性密码：{password}");
                await context.Out.WriteLineAsync("请妥善交给本人；首次登录后须立即修改密码。");
                return 0;
            case AccountAdministration.Outcome.Invalid invalid:
                foreach (var message in invalid.Errors.SelectMany(e => e.Value))
                {
                    await context.Error.WriteLineAsync(message);
                }
                return 1;
            default:
                return 1;
        }
    }
}

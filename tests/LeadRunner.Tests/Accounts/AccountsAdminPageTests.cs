using System.Net;
using LeadRunner.Data;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

/// <summary>The security administrator's accounts pages in the browser: the list, an action from it, and the role change it leads to.</summary>
public class AccountsAdminPageTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task List_Renders_AndLocksAnAccountFromItsRow()
    {
        var (browser, _, _) = await SignIns.BrowserAsync(factory, "secadmin");
        var id = await IdOfAsync("county.130181");
        var list = await browser.GetStringAsync("/admin/accounts?q=county.130181");
        Assert.Contains("账号管理", list, StringComparison.Ordinal);
        Assert.Contains("county.130181", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/accounts/{id}/role\"", list, StringComparison.Ordinal);

        var locked = await browser.PostAsync("/admin/accounts?handler=Lock&q=county.130181", Form(list, ("id", id), ("Reason", "离岗")));
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var after = await browser.GetStringAsync(locked.Headers.Location!.ToString());
        Assert.Contains("账号已锁定，其会话已全部结束：county.130181", after, StringComparison.Ordinal);
        Assert.Contains("<td>已锁定</td>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRolePage_ChangesTheRole_AndShowsFieldErrors()
    {
        var (browser, _, _) = await SignIns.BrowserAsync(factory, "secadmin");
        var id = await IdOfAsync("county.130183");
        var page = await browser.GetStringAsync($"/admin/accounts/{id}/role");
        Assert.Contains("变更角色：county.130183", page, StringComparison.Ordinal);
        Assert.Contains("当前角色：县级工信部门", page, StringComparison.Ordinal);

        var missingUnit = await browser.PostAsync($"/admin/accounts/{id}/role", Form(page, ("Change.Role", "city"), ("Change.Reason", "调任")));
        Assert.Equal(HttpStatusCode.OK, missingUnit.StatusCode);
        Assert.Contains("市级账号须选择一个存在的报送单位", await missingUnit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await browser.PostAsync($"/admin/accounts/{id}/role", Form(page, ("Change.Role", "city"), ("Change.UnitCode", "130500"), ("Change.Reason", "调任")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var list = await browser.GetStringAsync(changed.Headers.Location!.ToString());
        Assert.Contains("已变更 county.130183", list, StringComparison.Ordinal);
        Assert.Contains("市级工信部门", list, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
        Assert.Equal((null, "130500"), (account.CountyCode, account.UnitCode));
    }

    [Fact]
    public async Task OnlyTheSecurityAdministrator_ReachesTheAccountsPages()
    {
        var (browser, _, _) = await SignIns.BrowserAsync(factory, "admin");
        var list = await browser.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Equal("/error/403", list.Headers.Location!.AbsolutePath);
        var role = await browser.GetAsync($"/admin/accounts/{await IdOfAsync("county.130202")}/role");
        Assert.Equal("/error/403", role.Headers.Location!.AbsolutePath);
    }

    /// <summary>A form post carrying the page's antiforgery token and the given fields.</summary>
    internal static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", EnterpriseRegistrationTests.AntiforgeryToken(page)), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]);

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}

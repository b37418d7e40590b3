using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Accounts.Admin;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

/// <summary>The security administrator's account work, and that no other role can do it (三员分立).</summary>
public class AccountsApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Theory]
    [InlineData("admin")]
    [InlineData("auditor")]
    [InlineData("province")]
    [InlineData("county.130534")]
    public async Task OnlyTheSecurityAdministrator_ManagesAccounts(string user)
    {
        var client = await factory.ClientFor(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/accounts")).StatusCode);
        var create = await client.PostAsJsonAsync("/api/accounts", new { userName = "sneaky", displayName = "偷偷", role = "sysadmin" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        var promote = await client.PutAsJsonAsync($"/api/accounts/{await IdOfAsync("county.130172")}/role", new { role = "secadmin", reason = "自行提权" });
        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
    }

    [Fact]
    public async Task SecurityAdministrator_SeesNoCaseOrEnterpriseData()
    {
        var client = await factory.ClientFor("secadmin");
        var enterprises = await client.GetAsync("/api/enterprises");
        Assert.DoesNotContain("恒嘉羊绒", await enterprises.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/workflows")).StatusCode);
    }

    [Fact]
    public async Task Create_BindsTheRegion_IssuesAOneTimePassword_ThatMustBeChanged()
    {
        var secadmin = await factory.ClientFor("secadmin");
        var response = await secadmin.PostAsJsonAsync("/api/accounts", new { userName = "county.new.01", displayName = "清河县工信局 张三", role = "county", countyCode = "130534" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<AccountsApi.Issued>())!;
        Assert.Equal(14, issued.OneTimePassword.Length);

        var tokens = await SignIns.TokensAsync(factory.AnonymousClient(), "county.new.01", issued.OneTimePassword);
        var api = SignIns.WithToken(factory, tokens.AccessToken);
        var blocked = await api.GetAsync("/api/enterprises");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("请先修改初始密码", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = issued.OneTimePassword, newPassword = "Qinghe#Office26" })).StatusCode);
        var fresh = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), "county.new.01", "Qinghe#Office26")).AccessToken);
        var enterprises = await fresh.GetStringAsync("/api/enterprises");
        Assert.Contains("恒嘉羊绒", enterprises, StringComparison.Ordinal);
        Assert.DoesNotContain("华晶玻璃", enterprises, StringComparison.Ordinal);

        var list = await secadmin.GetFromJsonAsync<AccountAdministration.Page>("/api/accounts?q=county.new.01");
        var row = Assert.Single(list!.Items);
        Assert.Equal(("county", "县级工信部门", "正常"), (row.Role, row.RoleName, row.State));
        Assert.Contains("清河县", row.Region, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"userName":"x.1","displayName":"甲","role":"county"}""", "countyCode", "县级行政区划")]
    [InlineData("""{"userName":"x.2","displayName":"乙","role":"city","unitCode":"999999"}""", "unitCode", "报送单位")]
    [InlineData("""{"userName":"x.3","displayName":"丙","role":"enterprise","enterpriseId":99999}""", "enterpriseId", "已登记的企业")]
    [InlineData("""{"userName":"x.4","displayName":"丁","role":"root"}""", "role", "不存在")]
    [InlineData("""{"userName":"admin","displayName":"戊","role":"auditor"}""", "userName", "已被使用")]
    [InlineData("""{"userName":"x.5","displayName":"","role":"auditor"}""", "displayName", "请填写")]
    [InlineData("""{"userName":"x.6","displayName":"张\u202e三","role":"auditor"}""", "displayName", "不允许")]
    public async Task Create_Invalid_IsRefusedPerField_AndCreatesNothing(string body, string field, string message)
    {
        var secadmin = await factory.ClientFor("secadmin");
        var before = await UserCountAsync();
        var response = await secadmin.PostAsync("/api/accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Lock_EndsSessionsAndRefusesSignIn_Unlock_Reset_Disable_Enable()
    {
        var secadmin = await factory.ClientFor("secadmin");
        var id = await IdOfAsync("county.130128");
        var session = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), "county.130128")).AccessToken);

        var locked = await secadmin.PostAsJsonAsync($"/api/accounts/{id}/lock", new { reason = "疑似泄露" });
        Assert.Equal("已锁定", (await locked.Content.ReadFromJsonAsync<AccountsApi.Changed>())!.State);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { userName = "county.130128", password = LeadRunnerFactory.Password })).StatusCode);

        await secadmin.PostAsync($"/api/accounts/{id}/unlock", null);
        await SignIns.TokensAsync(factory.AnonymousClient(), "county.130128");

        var reset = (await (await secadmin.PostAsync($"/api/accounts/{id}/reset", null)).Content.ReadFromJsonAsync<AccountsApi.Issued>())!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { userName = "county.130128", password = LeadRunnerFactory.Password })).StatusCode);
        await SignIns.TokensAsync(factory.AnonymousClient(), "county.130128", reset.OneTimePassword);

        var disabled = await secadmin.PostAsJsonAsync($"/api/accounts/{id}/disable", new { reason = "调离" });
        Assert.Equal("已停用", (await disabled.Content.ReadFromJsonAsync<AccountsApi.Changed>())!.State);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { userName = "county.130128", password = reset.OneTimePassword })).StatusCode);
        await secadmin.PostAsync($"/api/accounts/{id}/enable", null);
        await SignIns.TokensAsync(factory.AnonymousClient(), "county.130128", reset.OneTimePassword);

        await using var scope = factory.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries
            .Where(a => a.Subject.StartsWith("county.130128（") && a.UserName == "secadmin").Select(a => a.Action).ToListAsync();
        Assert.Equal(["锁定账号", "解锁账号", "重置密码", "停用账号", "启用账号"], actions);
    }

    [Fact]
    public async Task ChangeRole_MovesTheAccount_EndsItsSessions_AndIsAuditedWithBeforeAndAfter()
    {
        const string user = "county.130184";
        var secadmin = await factory.ClientFor("secadmin");
        var session = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), user)).AccessToken);

        var response = await secadmin.PutAsJsonAsync($"/api/accounts/{await IdOfAsync(user)}/role", new { role = "city", unitCode = "130500", countyCode = "130184", reason = "调任邢台市工信局" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = (await response.Content.ReadFromJsonAsync<AccountsApi.RoleChanged>())!;
        Assert.Equal(("city", "市级工信部门"), (changed.Role, changed.RoleName));
        Assert.Contains("邢台", changed.Region, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/auth/manage/info")).StatusCode);

        var fresh = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), user)).AccessToken);
        Assert.Equal(["city"], (await fresh.GetFromJsonAsync<LeadRunner.Accounts.AuthApi.AccountInfo>("/api/auth/manage/info"))!.Roles);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == user);
        // Only the binding the new role needs is kept.
        Assert.Equal((null, "130500", null), (account.CountyCode, account.UnitCode, account.EnterpriseId));
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "变更角色" && a.Subject.StartsWith(user + "（"));
        Assert.Equal(("secadmin", LeadRunner.Audit.AuditKinds.Account, "调任邢台市工信局"), (entry.UserName, entry.Kind, entry.Reason));
        Assert.Contains("县级工信部门", entry.Before, StringComparison.Ordinal);
        Assert.Contains("市级工信部门", entry.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("county.130171", """{"role":"county","reason":"调整"}""", "countyCode", "县级行政区划")]
    [InlineData("county.130171", """{"role":"county","countyCode":"999999","reason":"调整"}""", "countyCode", "县级行政区划")]
    [InlineData("county.130171", """{"role":"city","unitCode":"999999","reason":"调整"}""", "unitCode", "报送单位")]
    [InlineData("county.130171", """{"role":"enterprise","enterpriseId":99999,"reason":"调整"}""", "enterpriseId", "已登记的企业")]
    [InlineData("county.130171", """{"role":"root","reason":"调整"}""", "role", "不存在")]
    [InlineData("county.130171", """{"reason":"调整"}""", "role", "请选择角色")]
    [InlineData("county.130171", """{"role":"province"}""", "reason", "请填写变更原因")]
    [InlineData("county.130171", """{"role":"county","countyCode":"130171","reason":"调整"}""", "role", "没有变化")]
    [InlineData("auditor", """{"role":"sysadmin","reason":"调整"}""", "role", "三员分立")]
    [InlineData("admin", """{"role":"secadmin","reason":"调整"}""", "role", "三员分立")]
    public async Task ChangeRole_Invalid_IsRefusedPerField_AndChangesNothing(string user, string body, string field, string message)
    {
        var secadmin = await factory.ClientFor("secadmin");
        var session = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), user)).AccessToken);
        var before = await session.GetFromJsonAsync<LeadRunner.Accounts.AuthApi.AccountInfo>("/api/auth/manage/info");

        var response = await secadmin.PutAsync($"/api/accounts/{await IdOfAsync(user)}/role", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        // Still the same account, still signed in.
        Assert.Equal(before!.Roles, (await session.GetFromJsonAsync<LeadRunner.Accounts.AuthApi.AccountInfo>("/api/auth/manage/info"))!.Roles);
    }

    [Fact]
    public async Task ChangeRole_AwayFromTheProvince_TakesThePublishingPermissionWithIt()
    {
        var secadmin = await factory.ClientFor("secadmin");
        var created = (await (await secadmin.PostAsJsonAsync("/api/accounts", new { userName = "province.editor.09", displayName = "省工信厅 编辑", role = "province" }))
            .Content.ReadFromJsonAsync<AccountsApi.Issued>())!;
        Assert.Equal(HttpStatusCode.OK, (await secadmin.PostAsJsonAsync($"/api/accounts/{created.Id}/permissions/publish", new { grant = true })).StatusCode);
        Assert.True((await secadmin.GetFromJsonAsync<AccountAdministration.Page>("/api/accounts?q=province.editor.09"))!.Items.Single().CanPublish);

        var moved = await secadmin.PutAsJsonAsync($"/api/accounts/{created.Id}/role", new { role = "county", countyCode = "130534", reason = "借调清河县" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var row = (await secadmin.GetFromJsonAsync<AccountAdministration.Page>("/api/accounts?q=province.editor.09"))!.Items.Single();
        Assert.Equal(("county", false), (row.Role, row.CanPublish));
    }

    [Fact]
    public async Task County_ActivatesTheAccountOfAnEnterpriseItRegistered_OnlyInItsRegion_Once()
    {
        var county = await factory.ClientFor("county.130534");
        var enterpriseId = await RegisterEnterpriseAsync(county, "清河县开通账号测试有限公司", "91130534MA0K9Y8X");

        var otherCounty = await factory.ClientFor("county.130638");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.PostAsync($"/api/enterprises/{enterpriseId}/account", null)).StatusCode);

        var activated = await county.PostAsync($"/api/enterprises/{enterpriseId}/account", null);
        Assert.Equal(HttpStatusCode.Created, activated.StatusCode);
        var issued = (await activated.Content.ReadFromJsonAsync<AccountsApi.Issued>())!;
        Assert.Equal($"ent.{LeadRunner.Enterprises.UsccValidator.Complete("91130534MA0K9Y8X")}", issued.UserName);
        var enterprise = SignIns.WithToken(factory, (await SignIns.TokensAsync(factory.AnonymousClient(), issued.UserName, issued.OneTimePassword)).AccessToken);
        Assert.Contains("请先修改初始密码", await (await enterprise.GetAsync("/api/enterprises")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await county.PostAsync($"/api/enterprises/{enterpriseId}/account", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("已开通账号", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "91130534MA0P1A2B")]
    [InlineData("province", "91130534MA0P3C4D")]
    [InlineData("city.130500", "91130534MA0P5E6F")]
    [InlineData("auditor", "91130534MA0P7G8H")]
    public async Task EnterpriseAccount_IsNotOpenedBySysadminProvinceCityOrAuditor(string user, string usccPrefix)
    {
        var enterpriseId = await RegisterEnterpriseAsync(await factory.ClientFor("county.130534"), $"清河县开通权限测试{usccPrefix[^4..]}有限公司", usccPrefix);
        var client = await factory.ClientFor(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/enterprises/{enterpriseId}/account", null)).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Users.AnyAsync(u => u.EnterpriseId == enterpriseId));
    }

    [Fact]
    public async Task SecurityAdministrator_OpensTheAccountOfAnyRegisteredEnterprise()
    {
        var enterpriseId = await RegisterEnterpriseAsync(await factory.ClientFor("county.130534"), "清河县安全管理员开通测试有限公司", "91130534MA0Q7R5T");
        var activated = await (await factory.ClientFor("secadmin")).PostAsync($"/api/enterprises/{enterpriseId}/account", null);
        Assert.Equal(HttpStatusCode.Created, activated.StatusCode);
        var issued = (await activated.Content.ReadFromJsonAsync<AccountsApi.Issued>())!;
        Assert.StartsWith("ent.91130534MA0Q7R5T", issued.UserName, StringComparison.Ordinal);
        await SignIns.TokensAsync(factory.AnonymousClient(), issued.UserName, issued.OneTimePassword);
    }

    private async Task<int> RegisterEnterpriseAsync(HttpClient county, string name, string usccPrefix)
    {
        var registered = await county.PostAsJsonAsync("/api/enterprises", new
        {
            name, uscc = LeadRunner.Enterprises.UsccValidator.Complete(usccPrefix), countyCode = "130534",
            clusterId = await ClusterIdAsync("清河县羊绒及制品产业集群"), industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<int> ClusterIdAsync(string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Clusters.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task NobodyAdministersTheirOwnAccount()
    {
        var secadmin = await factory.ClientFor("secadmin");
        var response = await secadmin.PostAsync($"/api/accounts/{await IdOfAsync("secadmin")}/disable", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("自己的账号", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<int> UserCountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Users.CountAsync();
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}

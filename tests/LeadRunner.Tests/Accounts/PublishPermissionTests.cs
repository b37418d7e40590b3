using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Accounts.Admin;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

/// <summary>The security administrator grants and revokes the publishing permission; it takes effect at the next sign-in.</summary>
public class PublishPermissionTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task Permission_IsForProvinceAccountsOnly()
    {
        var secadmin = await factory.ClientFor("secadmin");
        var county = await AccountAsync(secadmin, "county.130534");
        var response = await secadmin.PostAsJsonAsync($"/api/accounts/{county.Id}/permissions/publish", new { grant = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("只能授予省级账号", problem.RootElement.GetProperty("errors").GetProperty("grant")[0].GetString(), StringComparison.Ordinal);
        Assert.False((await AccountAsync(secadmin, "county.130534")).CanPublish);
    }

    [Fact]
    public async Task Revoked_EndsTheSessions_AndRefusesContent_GrantedAgain_MayWriteContent()
    {
        var secadmin = await factory.ClientFor("secadmin");
        var editor = await AccountAsync(secadmin, "province.editor");
        Assert.True(editor.CanPublish);
        var signedIn = await factory.ClientFor("province.editor");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/content/items")).StatusCode);

        var revoked = await secadmin.PostAsJsonAsync($"/api/accounts/{editor.Id}/permissions/publish", new { grant = false });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await AccountAsync(secadmin, "province.editor")).CanPublish);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedIn.GetAsync("/api/content/items")).StatusCode);
        var without = await factory.ClientFor("province.editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await without.PostAsJsonAsync("/api/content", Notice("perm-revoked"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await secadmin.PostAsJsonAsync($"/api/accounts/{editor.Id}/permissions/publish", new { grant = true })).StatusCode);
        var with = await factory.ClientFor("province.editor");
        Assert.Equal(HttpStatusCode.Created, (await with.PostAsJsonAsync("/api/content", Notice("perm-granted"))).StatusCode);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var audited = await db.AuditEntries.Where(a => a.Kind == AuditKinds.Account && a.Subject.StartsWith("province.editor")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["收回发布权限", "授予发布权限"], audited);
    }

    [Fact]
    public async Task Grant_WithoutSayingWhich_IsRefusedInChinese()
    {
        var secadmin = await factory.ClientFor("secadmin");
        var province = await AccountAsync(secadmin, "province");
        var response = await secadmin.PostAsJsonAsync($"/api/accounts/{province.Id}/permissions/publish", new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static object Notice(string slug) => new { type = "notice", title = "权限测试通知", slug, body = "正文" };

    private static async Task<AccountAdministration.AccountRow> AccountAsync(HttpClient secadmin, string userName) =>
        Assert.Single((await secadmin.GetFromJsonAsync<AccountAdministration.Page>($"/api/accounts?q={userName}"))!.Items, a => a.UserName == userName);
}

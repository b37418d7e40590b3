using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Accounts;

/// <summary>The enterprise page offers "开通企业账号" only to the county; other staff are told who opens it, and cannot post it.</summary>
public class EnterpriseAccountPageTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string Button = "开通企业账号</button>";

    [Theory]
    [InlineData("province", "91130534MA0R1A2T")]
    [InlineData("city.130500", "91130534MA0R3U4W")]
    [InlineData("admin", "91130534MA0R5W6X")]
    public async Task OtherStaff_SeeNoActivationButton_AndCannotPostIt(string user, string usccPrefix)
    {
        var id = await RegisterAsync(usccPrefix);
        var (browser, _, _) = await SignIns.BrowserAsync(factory, user);
        var page = await browser.GetStringAsync($"/staff/enterprises/{id}");
        Assert.DoesNotContain(Button, page, StringComparison.Ordinal);
        Assert.Contains("企业账号由企业所在的县级工信部门或安全管理员开通", page, StringComparison.Ordinal);

        var posted = await browser.PostAsync($"/staff/enterprises/{id}?handler=Activate", AccountsAdminPageTests.Form(page));
        Assert.Equal("/error/403", posted.Headers.Location!.AbsolutePath);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Users.AnyAsync(u => u.EnterpriseId == id));
    }

    [Fact]
    public async Task County_SeesTheButton_AndOpensTheAccount()
    {
        var id = await RegisterAsync("91130534MA0R7Y8X");
        var (browser, _, _) = await SignIns.BrowserAsync(factory, "county.130534");
        var page = await browser.GetStringAsync($"/staff/enterprises/{id}");
        Assert.Contains(Button, page, StringComparison.Ordinal);

        var posted = await browser.PostAsync($"/staff/enterprises/{id}?handler=Activate", AccountsAdminPageTests.Form(page));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await browser.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.Contains("已开通企业账号 ent.91130534MA0R7Y8X", after, StringComparison.Ordinal);
        Assert.Contains("一次性密码", after, StringComparison.Ordinal);
    }

    private async Task<int> RegisterAsync(string usccPrefix)
    {
        int clusterId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            clusterId = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Clusters.Where(c => c.Name == "清河县羊绒及制品产业集群").Select(c => c.Id).SingleAsync();
        }
        var registered = await (await factory.ClientFor("county.130534")).PostAsJsonAsync("/api/enterprises", new
        {
            name = $"清河县页面开通测试{usccPrefix[^4..]}有限公司", uscc = LeadRunner.Enterprises.UsccValidator.Complete(usccPrefix), countyCode = "130534",
            clusterId, industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}

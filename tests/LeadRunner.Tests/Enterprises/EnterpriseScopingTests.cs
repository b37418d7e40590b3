using System.Net;
using System.Net.Http.Json;
using LeadRunner.Enterprises;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Enterprises;

/// <summary>Region scoping is enforced on the server for the API and the pages alike.</summary>
public class EnterpriseScopingTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string QingheUscc = "91130534MA0CQH1106";   // 清河县 → 邢台市
    private const string ShaheUscc = "91130582MA0HP3W19U";    // 沙河市 → 邢台市
    private const string XiongxianUscc = "91130638MA0FB9N1XF"; // 雄县 → 雄安新区

    private async Task<EnterprisesApi.EnterpriseDto[]> ListAs(string user) =>
        (await (await factory.ClientFor(user)).GetFromJsonAsync<EnterprisesApi.EnterpriseDto[]>("/api/enterprises"))!;

    private async Task<int> IdOf(string uscc) => (await ListAs("province")).Single(e => e.Uscc == uscc).Id;

    [Fact]
    public async Task County_SeesOnlyItsCounty()
    {
        var list = await ListAs("county.130534");
        Assert.Equal([QingheUscc], list.Select(e => e.Uscc));
    }

    [Fact]
    public async Task City_SeesOnlyItsReportingUnit()
    {
        var list = await ListAs("city.130500");
        Assert.Equal([QingheUscc, ShaheUscc], list.Select(e => e.Uscc).Order());
    }

    [Fact]
    public async Task XiongAn_SeesXiongxianButBaodingDoesNot()
    {
        Assert.Contains(await ListAs("city.133100"), e => e.Uscc == XiongxianUscc);
        Assert.DoesNotContain(await ListAs("city.130600"), e => e.Uscc == XiongxianUscc);
    }

    [Fact]
    public async Task Enterprise_SeesOnlyItself()
    {
        var list = await ListAs($"ent.{ShaheUscc}");
        Assert.Equal([ShaheUscc], list.Select(e => e.Uscc));
    }

    [Fact]
    public async Task Province_SeesAll()
    {
        Assert.True((await ListAs("province")).Length >= 6);
    }

    [Fact]
    public async Task County_ReadingAnotherCountysEnterpriseThroughApi_Gets404()
    {
        var id = await IdOf(ShaheUscc);
        var client = await factory.ClientFor("county.130534");
        var response = await client.GetAsync($"/api/enterprises/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("华晶", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task County_ReadingAnotherCountysEnterpriseThroughPage_GetsFriendly404()
    {
        var id = await IdOf(ShaheUscc);
        var client = await factory.ClientFor("county.130534");
        var response = await client.GetAsync($"/staff/enterprises/{id}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面或数据不存在", html, StringComparison.Ordinal);
        Assert.DoesNotContain("华晶", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task County_ReadingOwnEnterpriseThroughPage_Succeeds()
    {
        var id = await IdOf(QingheUscc);
        var client = await factory.ClientFor("county.130534");
        var html = await client.GetStringAsync($"/staff/enterprises/{id}");
        Assert.Contains("清河县恒嘉羊绒制品有限公司", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task County_ListPage_ShowsOnlyItsCounty()
    {
        var client = await factory.ClientFor("county.130534");
        var html = await client.GetStringAsync("/staff/enterprises");
        Assert.Contains("恒嘉羊绒", html, StringComparison.Ordinal);
        Assert.DoesNotContain("华晶玻璃", html, StringComparison.Ordinal);
        Assert.DoesNotContain("冠腾体育", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_ListApi_Returns401()
    {
        var response = await factory.AnonymousClient().GetAsync("/api/enterprises");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_StaffPage_RedirectsToLogin()
    {
        var response = await factory.AnonymousClient().GetAsync("/staff/enterprises");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enterprise_StaffPages_AreForbiddenWithFriendlyPage()
    {
        var client = await factory.ClientFor($"ent.{ShaheUscc}");
        var response = await client.GetAsync("/staff/enterprises");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enterprise_PortalShowsItsOwnData()
    {
        var client = await factory.ClientFor($"ent.{ShaheUscc}");
        var html = await client.GetStringAsync("/portal");
        Assert.Contains("沙河市华晶玻璃有限公司", html, StringComparison.Ordinal);
        Assert.Contains(ShaheUscc, html, StringComparison.Ordinal);
    }
}

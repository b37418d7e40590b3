using System.Net;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Site;

public class PublicSiteTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Theory]
    [InlineData("/", "首页")]
    [InlineData("/notices", "通知公告")]
    [InlineData("/notices/2024-notice", "逾期不予受理")]
    [InlineData("/publicity", "当前没有公示")]
    [InlineData("/lists", "暂未发布认定名单")]
    [InlineData("/pages/guide", "办理流程")]
    [InlineData("/search?q=领跑者", "领跑者")]
    [InlineData("/login", "用户登录")]
    public async Task PublicPage_RendersInChineseWithNavigation(string path, string expected)
    {
        var response = await factory.AnonymousClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        foreach (var nav in new[] { "首页", "通知公告", "公示", "名单", "办事指南", "申报自测", "文书下载", "证书验证", "登录", "联系我们" })
        {
            Assert.Contains($">{nav}</a>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Home_ListsThe2024Notice()
    {
        var html = await factory.AnonymousClient().GetStringAsync("/");
        Assert.Contains("/notices/2024-notice", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_ShowsFriendly404()
    {
        var response = await factory.AnonymousClient().GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面或数据不存在", html, StringComparison.Ordinal);
        Assert.Contains("返回首页", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNotice_ShowsFriendly404()
    {
        var response = await factory.AnonymousClient().GetAsync("/notices/missing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面或数据不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRoute_ReturnsChineseProblemNotHtml()
    {
        var response = await factory.AnonymousClient().GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("页面或数据不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_ForCountyUser_ShowsFriendly403()
    {
        var client = await factory.ClientFor("county.130534");
        var response = await client.GetAsync("/admin/regions");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorPage500_IsFriendlyAndHasNoStackTrace()
    {
        var response = await factory.AnonymousClient().GetAsync("/error/500");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("系统出现错误", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/v1")]
    public async Task OperationalEndpoints_Answer200(string path)
    {
        var response = await factory.AnonymousClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheStableRoutes()
    {
        var json = await factory.AnonymousClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/regions/units", json, StringComparison.Ordinal);
        Assert.Contains("/api/regions/counties/{countyCode}", json, StringComparison.Ordinal);
        Assert.Contains("/api/enterprises/uscc/{code}/check", json, StringComparison.Ordinal);
        Assert.Contains("/api/auth/login", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPages_RenderForAdmin()
    {
        var admin = await factory.ClientFor("admin");
        Assert.Contains("雄安新区", await admin.GetStringAsync("/admin/regions"), StringComparison.Ordinal);
        Assert.Contains("清河县羊绒及制品产业集群", await admin.GetStringAsync("/admin/clusters"), StringComparison.Ordinal);
        // 三员分立: the audit log is the auditor's (see Audit/AuditLogTests), not the system administrator's.
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await admin.GetAsync("/audit")).StatusCode);
    }
}

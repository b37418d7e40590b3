using System.Net;
using System.Net.Http.Json;
using LeadRunner.Cms.Editing;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Cms;

/// <summary>What the editors' pages add to /api/content: the live preview's renderer and the draft preview page.</summary>
public class ContentEditorPagesTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task Render_GivesThePublicSitesSafeHtml()
    {
        var province = await factory.ClientFor("province");
        var response = await province.PostAsJsonAsync("/api/content/render",
            new { body = "| 序号 | 企业 |\n| --- | --- |\n| 1 | 甲公司 |\n\n[点我](javascript:alert(2))\n\n<script>alert(1)</script>" });
        var html = (await response.Content.ReadFromJsonAsync<ContentApi.Rendered>())!.Html;
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<td>甲公司</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);

        var tooLong = await province.PostAsJsonAsync("/api/content/render", new { body = new string('字', ContentKind.BodyMaxLength + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("正文不能超过", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ShowsTheDraftInThePublicArticle_WhileThePublicAddressHasNothing()
    {
        var province = await factory.ClientFor("province");
        var created = await province.PostAsJsonAsync("/api/content",
            new { type = "notice", title = "预览测试通知", slug = "preview-test", body = "| 项目 | 内容 |\n| --- | --- |\n| 截止 | 十月 |" });
        var id = (await created.Content.ReadFromJsonAsync<ContentApi.Created>())!.Id;

        var preview = await province.GetStringAsync($"/admin/content/{id}/preview");
        Assert.Contains("预览：尚未发布", preview, StringComparison.Ordinal);
        Assert.Contains("<h1>预览测试通知</h1>", preview, StringComparison.Ordinal);
        Assert.Contains("<td>十月</td>", preview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.AnonymousClient().GetAsync("/notices/preview-test")).StatusCode);

        var list = await province.GetStringAsync("/admin/content?type=notice&status=draft&q=预览测试");
        Assert.Contains("预览测试通知", list, StringComparison.Ordinal);
        Assert.Contains("草稿", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffHome_LinksPublishersToTheEditor_AndShowsTheApprovalSwitchToTheSystemAdministrator()
    {
        Assert.Contains("href=\"/admin/content\"", await (await factory.ClientFor("province")).GetStringAsync("/staff"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/content\"", await (await factory.ClientFor("county.130534")).GetStringAsync("/staff"), StringComparison.Ordinal);
        var admin = await (await factory.ClientFor("admin")).GetStringAsync("/staff");
        Assert.Contains("发布前须经另一名发布人审核", admin, StringComparison.Ordinal);
        Assert.Contains("/js/content-settings.js", admin, StringComparison.Ordinal);
    }
}

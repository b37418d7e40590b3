using System.Net;
using System.Net.Http.Json;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Cms.Search;

public class SiteSearchTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private async Task<string> SearchAsync(string q)
    {
        var response = await factory.AnonymousClient().GetAsync($"/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ChineseWords_OfTwoAndMoreCharacters_AreFoundAndHighlighted()
    {
        await PublishedContent.PublishAsync(factory, PublishedContent.Notice("search-cashmere", "清河羊绒产业集群调研通知",
            "请各县组织羊绒企业参加座谈，介绍<script>alert(1)</script>智能纺纱改造的进展。"));

        var two = await SearchAsync("羊绒");
        Assert.Contains("/notices/search-cashmere", two, StringComparison.Ordinal);
        Assert.Contains("<mark>羊绒</mark>", two, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", two, StringComparison.Ordinal);

        var three = await SearchAsync("智能纺纱");
        Assert.Contains("/notices/search-cashmere", three, StringComparison.Ordinal);
        Assert.Contains("<mark>智能纺纱</mark>", three, StringComparison.Ordinal);
        Assert.Contains("找到 1 条", three, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", three, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftsAndWithdrawnItems_AreNotFound()
    {
        var publisher = await factory.ClientFor("province");
        var draft = await publisher.PostAsJsonAsync("/api/content", new { type = "notice", slug = "search-draft", title = "草稿里的碳纤维复材", body = "未发布。" });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var id = await PublishedContent.PublishThroughApiAsync(publisher, new { type = "notice", slug = "search-withdrawn", title = "将撤下的石墨烯通知", body = "石墨烯。" });
        Assert.Contains("/notices/search-withdrawn", await SearchAsync("石墨烯"), StringComparison.Ordinal);
        Assert.True((await publisher.PostAsJsonAsync($"/api/content/{id}/unpublish", new { })).IsSuccessStatusCode);

        Assert.Contains("没有找到", await SearchAsync("石墨烯"), StringComparison.Ordinal);
        Assert.Contains("没有找到", await SearchAsync("碳纤维复材"), StringComparison.Ordinal);
        Assert.Contains("没有找到", await SearchAsync("复材"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"领跑者")]
    [InlineData("领跑者*")]
    [InlineData("公示 OR 名单")]
    [InlineData("(领跑者) AND NEAR(\"x\" y)")]
    [InlineData("a%_\\")]
    [InlineData("^列:值 -")]
    public async Task FtsSyntax_IsSearchedAsText(string q)
    {
        var html = await SearchAsync(q);
        Assert.Contains("站内搜索", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverlongQuery_Answers400InChinese()
    {
        var response = await factory.AnonymousClient().GetAsync($"/search?q={new string('词', 101)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("搜索词（q）不能超过 100 个字符", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

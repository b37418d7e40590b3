using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using LeadRunner.Holders;
using LeadRunner.Tests.Holders.Revocation;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Holders.Changes;

/// <summary>/title-changes, its JSON and the feed: revocations are published with their reason; grants are not listed there.</summary>
public class TitleChangeLogTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly HolderSteps _steps = new(factory);

    [Fact]
    public async Task ChangeLog_ListsARevocationWithItsReason_NotTheGrants_ForAnyVisitor()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc);
        var visitor = factory.AnonymousClient();
        var before = await visitor.GetStringAsync("/title-changes");
        Assert.Contains("暂无称号变更记录。", before, StringComparison.Ordinal);
        Assert.DoesNotContain("清河县恒嘉羊绒制品有限公司", before, StringComparison.Ordinal);
        Assert.Equal(0, (await visitor.GetFromJsonAsync<JsonObject>("/api/title-changes"))!["total"]!.GetValue<int>());

        await _steps.RevokeAsync(WorkflowDriver.QingheUscc, RevocationGrounds.NoReport, "2024年第三季度数据逾期60日未报送。");

        var page = await visitor.GetAsync("/title-changes");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("清河县恒嘉羊绒制品有限公司", html, StringComparison.Ordinal);
        Assert.Contains("邢台市清河县", html, StringComparison.Ordinal);
        Assert.Contains("撤销称号", html, StringComparison.Ordinal);
        Assert.Contains("事由：不按要求报送季度数据和信息", html, StringComparison.Ordinal);
        // Xiong holds its title: granted, not changed, so not in the log.
        Assert.DoesNotContain("雄县新宇塑料包装有限公司", html, StringComparison.Ordinal);

        var json = (await visitor.GetFromJsonAsync<JsonObject>("/api/title-changes"))!;
        Assert.Equal(1, json["total"]!.GetValue<int>());
        var entry = json["items"]![0]!;
        Assert.Equal(("revoked", "清河县恒嘉羊绒制品有限公司", WorkflowDriver.QingheUscc, "邢台市清河县", 2024),
            (entry["kind"]!.GetValue<string>(), entry["enterpriseName"]!.GetValue<string>(), entry["uscc"]!.GetValue<string>(),
             entry["county"]!.GetValue<string>(), entry["year"]!.GetValue<int>()));
        Assert.Contains("不按要求报送季度数据和信息", entry["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await visitor.GetStringAsync("/feed.xml"));
        var item = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "category")?.Attribute("term")?.Value == "title-change");
        Assert.Equal("清河县恒嘉羊绒制品有限公司：撤销称号（2024年度“领跑者”企业）", item.Element(atom + "title")!.Value);
        Assert.StartsWith("http://localhost/title-changes#change-", item.Element(atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeLog_IsReachableFromTheListsSection_AndInTheSitemap()
    {
        var visitor = factory.AnonymousClient();
        Assert.Contains("href=\"/title-changes\"", await visitor.GetStringAsync("/lists"), StringComparison.Ordinal);
        Assert.Contains("href=\"/title-changes\"", await visitor.GetStringAsync("/leaders"), StringComparison.Ordinal);
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemap = XDocument.Parse(await visitor.GetStringAsync("/sitemap.xml"));
        Assert.Contains("http://localhost/title-changes", sitemap.Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value));
    }
}

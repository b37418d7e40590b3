using Microsoft.Playwright;

namespace LeadRunner.BrowserTests;

[RunsLong(33)]
public class SiteShellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Home_ShowsChineseNavigationAndTheNotice()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");
        foreach (var item in new[] { "首页", "通知公告", "公示", "名单", "办事指南", "登录" })
        {
            Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = item, Exact = true }).IsVisibleAsync(), item);
        }
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("2024年度") }).First.ClickAsync();
        await page.WaitForURLAsync("**/notices/2024-notice");
        Assert.Contains("逾期不予受理", await page.InnerTextAsync("article"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "notice.png"), FullPage = true });
    }

    [Fact]
    public async Task Phone_NavigationCollapsesAndOpens()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(browser.BaseUrl + "/");
        var guide = page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "办事指南", Exact = true });
        Assert.False(await guide.IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "展开导航" }).ClickAsync();
        await guide.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "页面在手机宽度下出现横向滚动");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "phone.png") });
    }

    [Fact]
    public async Task CountyOfficer_LogsInAndSeesOnlyTheCounty()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("county.130534");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");
        Assert.Contains("清河县", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "企业名录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/enterprises");
        var table = await page.InnerTextAsync("table");
        Assert.Contains("清河县恒嘉羊绒制品有限公司", table, StringComparison.Ordinal);
        Assert.DoesNotContain("沙河市华晶玻璃有限公司", table, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "county-enterprises.png") });
    }

    [Fact]
    public async Task RegisterPage_ChecksTheCreditCodeAsTyped()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("province");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");
        await page.GotoAsync(browser.BaseUrl + "/staff/enterprises/new");

        await page.GetByLabel("统一社会信用代码").FillAsync("91130534MA0CQH1107");
        await Assertions.Expect(page.Locator("#uscc-feedback")).ToContainTextAsync("第 18 位校验码应为“6”");
        await page.GetByLabel("统一社会信用代码").FillAsync("91130534MA0CQH1106");
        await Assertions.Expect(page.Locator("#uscc-feedback")).ToContainTextAsync("代码校验通过");
    }
}

using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Cms;

/// <summary>A visitor without an account: home, a section, an article and its print view; the search box in the navigation.</summary>
public class PublicSiteBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string path)
    {
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + path);
        return (page, errors);
    }

    [Fact]
    public async Task Visitor_GoesFromHomeToTheNotice_AndPrintsItWithoutTheSiteChrome()
    {
        var (page, errors) = await OpenAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "证书验证" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "public-home.png"), FullPage = true });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "通知公告" }).ClickAsync();
        await page.WaitForURLAsync("**/notices");
        await page.GetByRole(AriaRole.Link, new() { Name = "河北省工业和信息化厅关于组织开展2024年度" }).ClickAsync();
        await page.WaitForURLAsync("**/notices/2024-notice");
        var crumbs = page.GetByRole(AriaRole.Navigation, new() { Name = "位置" });
        await Assertions.Expect(crumbs).ToContainTextAsync("首页 › 通知公告 ›");
        await Assertions.Expect(page.Locator("article.document h1")).ToContainTextAsync("“领跑者”企业认定工作的通知");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(crumbs).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("article.document h1")).ToHaveCSSAsync("color", "rgb(0, 0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "public-notice-print.png"), FullPage = true });

        Assert.Empty(errors);
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task Visitor_SearchesATwoCharacterWord_FromTheNavigation()
    {
        var (page, errors) = await OpenAsync("/");
        await page.GetByLabel("站内搜索").FillAsync("公示");
        await page.GetByLabel("站内搜索").PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=*");
        await Assertions.Expect(page.Locator(".search-results li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".search-results mark").First).ToHaveTextAsync("公示");
        await Assertions.Expect(page.GetByText("条与“公示”相关的内容")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "public-search.png"), FullPage = true });

        await page.GetByLabel("搜索词").FillAsync("没有这个词语");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("没有找到与“没有这个词语”相关的内容")).ToBeVisibleAsync();

        Assert.Empty(errors);
        Assert.Empty(browser.CspViolations);
    }
}

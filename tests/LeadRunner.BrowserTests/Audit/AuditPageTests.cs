using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Audit;

public class AuditPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Auditor_LandsOnTheLog_FiltersIt_AndVerifiesTheChain()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("auditor");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/audit");
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "审计日志", Exact = true }).IsVisibleAsync());

        await page.GetByLabel("类别").SelectOptionAsync("configuration");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.WaitForURLAsync("**/audit?*kind=configuration*");
        Assert.Contains("kind=configuration", await page.GetByRole(AriaRole.Link, new() { Name = "导出 Excel" }).GetAttributeAsync("href"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "校验完整性" }).ClickAsync();
        await page.WaitForURLAsync("**verify=true*");
        Assert.StartsWith("校验通过", (await page.InnerTextAsync("#verify-result")).Trim(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit.png"), FullPage = true });
    }
}

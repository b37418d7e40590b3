using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Portals;

/// <summary>An enterprise outside the cultivation pool applies to it from its home page, in Chromium.</summary>
public class PoolEntryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [Fact]
    public async Task Enterprise_AppliesToThePoolFromItsHome_AndReachesTheEntryForm()
    {
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("ent.91130582MA0HP3W19U"); // 沙河, left outside the pool by the demo data
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/portal");

        await Assertions.Expect(page.Locator("#pool-standing")).ToContainTextAsync("尚未纳入培育库");
        await Assertions.Expect(page.Locator("#pool-required")).ToContainTextAsync("请先申请入库");
        await page.ScreenshotAsync(new() { Path = Shot("pool-portal.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "申请纳入培育库" }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        await Assertions.Expect(page.GetByText("企业填报入库申请").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "填写表单并提交申请" }).ClickAsync();
        await page.WaitForURLAsync("**/act/submit");
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "主导产品", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("pool-entry-form.png"), FullPage = true });

        // Back home, the entry under way replaces the button.
        await page.GotoAsync(browser.BaseUrl + "/portal");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "入库申请办理中：企业填报入库申请" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "申请纳入培育库" })).ToHaveCountAsync(0);
        Assert.Empty(errors);
        Assert.Empty(browser.CspViolations);
    }
}

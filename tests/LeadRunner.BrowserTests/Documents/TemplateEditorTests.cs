using LeadRunner.BrowserTests.Workflow;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Documents;

/// <summary>The template editor in a browser: errors with their position, nothing saved while wrong, preview and a new version when right.</summary>
public class TemplateEditorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task Edit_SyntaxErrorIsShownAndNotSaved_ThenAValidEditPreviewsAndGoesLive()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await page.GotoAsync(browser.BaseUrl + "/admin/templates/annex-08/edit");
        await page.WaitForFunctionAsync("() => window.monaco && monaco.editor.getEditors().length > 0");
        var original = await page.EvaluateAsync<string>("() => monaco.editor.getEditors()[0].getValue()");

        await page.EvaluateAsync("t => monaco.editor.getEditors()[0].setValue(t)", "<h1>证明</h1>\n<p>{{ if countyReview.opinion }}有意见</p>");
        await Expect(page.Locator("#error-list")).ToContainTextAsync("第 2 行");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await Expect(page.Locator("#editor-alert")).ToContainTextAsync("当前版本继续使用");
        await Expect(page.Locator("#live-version")).ToHaveTextAsync("1");

        var edited = original.Replace("特此证明。", "特此证明（浏览器测试）。", StringComparison.Ordinal);
        await page.EvaluateAsync("t => monaco.editor.getEditors()[0].setValue(t)", edited);
        await Expect(page.FrameLocator("#preview").Locator("body")).ToContainTextAsync("特此证明（浏览器测试）。");
        await Expect(page.Locator("#error-summary")).ToBeHiddenAsync();
        await page.GetByLabel("修改说明（记入版本记录和操作日志）").FillAsync("浏览器测试");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await Expect(page.Locator("#versions")).ToContainTextAsync("浏览器测试", new() { Timeout = 20_000 });
        await Expect(page.Locator("#live-version")).ToHaveTextAsync("2");
        await session.ScreenshotAsync("template-editor.png");
        session.AssertNothingLeftTheApp();
    }
}

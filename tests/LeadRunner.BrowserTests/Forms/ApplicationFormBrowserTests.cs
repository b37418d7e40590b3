using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Forms;

/// <summary>
/// The application form as an enterprise fills it in Chromium: a restored draft's notice stays until the user edits,
/// the 合作企业 grid is readable on a 1400px screen and a laptop, and its errors name their row once each.
/// </summary>
public class ApplicationFormBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Draft = """
        { "enterpriseName": "清河县恒嘉羊绒制品有限公司", "revenue": 35600, "rdExpense": 1150,
          "partners": [
            { "name": "清河县宏达羊绒分梳有限公司", "uscc": "91130534MA0A000001", "inCluster": true, "relation": "上游", "content": "羊绒原料分梳与供应", "amount": 4200 },
            { "name": "", "uscc": "91130534MA0A000002", "inCluster": false, "relation": "下游", "content": "成衣加工", "amount": 2680 } ] }
        """;

    [Fact]
    public async Task RestoredDraft_StaysAnnounced_GridReadable_ErrorsNameTheirRow()
    {
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("ent.91130534MA0CQH1106");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/portal");

        var url = $"{browser.BaseUrl}/forms/application?subject=polish";
        await page.GotoAsync(url);
        var status = await page.EvaluateAsync<int>(
            "async (data) => (await fetch('/api/forms/application/draft?subject=polish', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data: JSON.parse(data) }) })).status",
            Draft);
        Assert.True(status is >= 200 and < 300, $"PUT draft: {status}");

        await page.ReloadAsync();
        var grid = page.Locator(".formio-component-partners");
        await Assertions.Expect(grid.Locator("input[name='data[partners][0][name]']")).ToHaveValueAsync("清河县宏达羊绒分梳有限公司");
        await Assertions.Expect(grid.Locator("select[name='data[partners][1][relation]']")).ToHaveValueAsync("下游");
        // Form.io reports changes of its own once the selects' options arrive; the notice must outlive them.
        await page.WaitForTimeoutAsync(1500);
        await Assertions.Expect(page.Locator("#draft-state")).ToContainTextAsync("已恢复");

        // Readable: a whole Chinese name fits its box, and the checkbox column has a short header and no label of its own.
        var nameWidth = await grid.Locator("input[name='data[partners][0][name]']").EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        Assert.True(nameWidth >= 14 * 14, $"企业名称 column is {nameWidth}px wide");
        // …and the whole grid, with its remove buttons, fits the page without scrolling sideways.
        Assert.True(await grid.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "合作企业 grid scrolls sideways at 1400px");
        await Assertions.Expect(grid.Locator("th").Filter(new() { HasText = "在本集群" })).ToHaveCountAsync(1);
        await Assertions.Expect(grid.Locator("td .form-check-label span")).ToHaveCountAsync(0);
        await grid.ScrollIntoViewIfNeededAsync();
        await grid.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "application-partners-1400.png") });
        await page.SetViewportSizeAsync(1280, 800);
        await grid.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "application-partners-1280.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        var alert = page.Locator(".alert-danger").First;
        await Assertions.Expect(alert).ToContainTextAsync("“合作企业”第 2 行：企业名称为必填项");
        var text = await alert.InnerTextAsync();
        Assert.Equal(1, text.Split("“合作企业”第 2 行：企业名称为必填项").Length - 1);
        Assert.DoesNotContain("“合作企业”第 1 行", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("佐证材料").Length - 1);  // not also "佐证材料不能为空"
        await alert.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "application-errors.png") });

        // The user's own edit is what replaces the notice.
        await grid.Locator("input[name='data[partners][1][name]']").FillAsync("清河县云裳服饰有限公司");
        await Assertions.Expect(page.Locator("#draft-state")).Not.ToContainTextAsync("已恢复");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}

using System.Net.Http.Json;
using LeadRunner.Tests.TestHost;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Rounds;

/// <summary>A city officer's work list and ranking in Chromium: from the header to the filtered list, then a dragged ranking reported as one batch.</summary>
public class CaseListBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShaheUscc = "91130582MA0HP3W19U";

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [Fact]
    public async Task CityOfficer_FiltersTheList_DragsTheRanking_AndReportsTheBatch()
    {
        var drive = new WorkflowDriver(browser.Factory);
        var qinghe = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", qinghe, "submit");
        await drive.CompleteOkAsync("county.130534", qinghe, "approve");
        await drive.AdmitToPoolAsync(ShaheUscc);
        var shahe = await drive.StartRecognitionAsync(ShaheUscc);
        await drive.CompleteOkAsync($"ent.{ShaheUscc}", shahe, "submit");
        await drive.CompleteOkAsync("county.130582", shahe, "approve");
        // The browser runs on today's clock, long after 2024's city deadline: the unit gets a logged extension.
        var admin = await browser.Factory.ClientFor("admin");
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var granted = await admin.PostAsJsonAsync("/api/programmes/2024/extensions", new { stage = "city", unitCode = "130500", until, reason = "浏览器测试" });
        Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync());

        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("city.130500");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");

        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "案件列表" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds/2024/cases");
        await page.GetByLabel("当前环节").SelectOptionAsync(new SelectOptionValue { Label = "市级工信部门审核推荐" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds/2024/cases?*step=cityReview*");
        var rows = page.Locator("#case-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#export-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("cases\\.xlsx\\?.*step=cityReview"));
        await page.ScreenshotAsync(new() { Path = Shot("case-list-city.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "推荐排序" }).First.ClickAsync();
        await page.WaitForURLAsync("**/rounds/2024/ranking");
        var shaheRow = page.Locator($"tr[data-case-id='{shahe}']");
        var qingheRow = page.Locator($"tr[data-case-id='{qinghe}']");
        await Assertions.Expect(shaheRow.Locator(".rank-cell")).ToHaveTextAsync("1");

        // 清河 is dragged onto the upper half of 沙河's row: it takes first place.
        // The drag's events as Chromium sends them (Playwright's mouse drag starts where the mouse already is under load).
        var transfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        var to = (await shaheRow.Locator(".rank-cell").BoundingBoxAsync())!;
        var over = new Dictionary<string, object> { ["dataTransfer"] = transfer, ["clientX"] = (int)(to.X + 5), ["clientY"] = (int)(to.Y + 3), ["bubbles"] = true, ["cancelable"] = true };
        await qingheRow.DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = transfer, ["bubbles"] = true });
        await shaheRow.Locator(".rank-cell").DispatchEventAsync("dragover", over);
        await shaheRow.Locator(".rank-cell").DispatchEventAsync("drop", over);
        await qingheRow.DispatchEventAsync("dragend", new Dictionary<string, object> { ["dataTransfer"] = transfer, ["bubbles"] = true });
        await Assertions.Expect(qingheRow.Locator(".rank-cell")).ToHaveTextAsync("1");
        await Assertions.Expect(shaheRow.Locator(".rank-cell")).ToHaveTextAsync("2");
        await page.ScreenshotAsync(new() { Path = Shot("city-ranking.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "提交推荐批次" }).ClickAsync();
        await Assertions.Expect(page.GetByText("已按推荐排序报送 2 家企业。")).ToBeVisibleAsync();

        var first = await drive.InstanceAsync(qinghe);
        var second = await drive.InstanceAsync(shahe);
        Assert.Equal(("provinceReview", 1m), (first.CurrentStep, first.Variables!["cityRank"]!.GetValue<decimal>()));
        Assert.Equal(("provinceReview", 2m), (second.CurrentStep, second.Variables!["cityRank"]!.GetValue<decimal>()));
        Assert.Empty(errors);
    }
}

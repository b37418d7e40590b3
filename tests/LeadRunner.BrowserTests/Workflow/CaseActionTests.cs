using System.Net.Http.Json;
using LeadRunner.Tests.TestHost;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Workflow;

/// <summary>An action taken with a form, in Chromium: the case page opens the form, the data goes with the action.</summary>
public class CaseActionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CityOfficer_RecommendsThroughTheForm_AndTheCaseMovesToTheProvince()
    {
        var drive = new WorkflowDriver(browser.Factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await drive.CompleteOkAsync("county.130534", id, "approve");
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

        await page.GotoAsync($"{browser.BaseUrl}/cases/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "填写表单并推荐上报" }).ClickAsync();
        await page.WaitForURLAsync($"**/cases/{id}/act/recommend");

        // A rank below 1 is refused in Chinese and nothing moves.
        await page.GetByLabel("推荐排序").FillAsync("0");
        await page.GetByLabel("推荐意见").FillAsync("材料齐全，同意推荐。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        // Refused in the browser by the form's minimum, or by the server if the browser let it through.
        await Assertions.Expect(page.Locator("#fill-alert .alert-danger, .formio-component-rank .formio-errors .error").First).ToBeVisibleAsync();
        Assert.Equal("cityReview", (await drive.InstanceAsync(id)).CurrentStep);

        await page.GetByLabel("推荐排序").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await page.WaitForURLAsync($"**/cases/{id}?done=1");
        await Assertions.Expect(page.GetByText("省工业和信息化厅审定初选名单").First).ToBeVisibleAsync();

        var moved = await drive.InstanceAsync(id);
        Assert.Equal("provinceReview", moved.CurrentStep);
        Assert.Equal(2m, moved.Variables!["cityRank"]!.GetValue<decimal>());
        Assert.Equal("材料齐全，同意推荐。", moved.Variables!["cityRecommendation"]!["opinion"]!.GetValue<string>());
        Assert.Empty(errors);
    }
}

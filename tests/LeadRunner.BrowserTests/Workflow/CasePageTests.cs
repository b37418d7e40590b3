using LeadRunner.Tests.TestHost;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Workflow;

/// <summary>The county officer's case page in Chromium: the flag on a failed basic rule, the application and its files, the record, the confirmation.</summary>
public class CasePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [Fact]
    public async Task County_ReadsTheFlaggedApplication_OpensAFile_AndReturnsIt_WithAConfirmation()
    {
        var drive = new WorkflowDriver(browser.Factory);
        var id = await drive.StartRecognitionAsync();
        // R&D 2.67 % of revenue, below the 3 % of a traditional industry.
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit", data: new { rdExpense = 950.52m });

        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("county.130534");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");

        await page.GotoAsync($"{browser.BaseUrl}/cases/{id}");
        await Assertions.Expect(page.Locator("#eligibility-flag")).ToContainTextAsync("未满足基本条件：研发投入占比 2.67%");
        await Assertions.Expect(page.Locator("#case-application")).ToContainTextAsync("上游协作企业甲");
        await Assertions.Expect(page.Locator("#case-timeline")).ToContainTextAsync("清河县恒嘉羊绒制品有限公司");
        await page.ScreenshotAsync(new() { Path = Shot("case-page-county.png"), FullPage = true });

        // The link is the scoped download route; the officer's session opens it (a PDF download, so fetched rather than clicked).
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "营业执照.pdf" }).GetAttributeAsync("href");
        Assert.StartsWith("/api/uploads/", href, StringComparison.Ordinal);
        var file = await page.Context.APIRequest.GetAsync(browser.BaseUrl + href);
        Assert.True(file.Ok, $"下载返回 {file.Status}");

        await page.GetByLabel("办理意见").FillAsync("研发投入占比未达到 3%，请核实后重新申报。");
        await page.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await page.WaitForURLAsync($"**/cases/{id}?done=1");
        await Assertions.Expect(page.Locator("#case-banner")).ToContainTextAsync("已办理：退回修改。案件已转至 企业填报申报材料。");
        await page.ScreenshotAsync(new() { Path = Shot("case-page-county-returned.png"), FullPage = true });
        Assert.Equal("submission", (await drive.InstanceAsync(id)).CurrentStep);
        Assert.Empty(errors);
    }
}

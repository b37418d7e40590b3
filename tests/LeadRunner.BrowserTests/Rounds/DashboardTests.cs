using LeadRunner.Tests.Rounds.Dashboard;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Rounds;

/// <summary>The province's 数据看板 in Chromium: reached from the header, every chart drawn by the local ECharts, no script errors.</summary>
public class DashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Province_OpensTheDashboardFromTheHeader_AndEveryChartIsDrawn()
    {
        await DashboardData.SeedAsync(browser.Factory);
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("province");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");

        // The newest open round is the 2025 one the data was seeded into.
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "数据看板" }).ClickAsync();
        await page.WaitForURLAsync($"**/rounds/{DashboardData.Year}/dashboard");
        await Assertions.Expect(page.Locator("#dashboard[data-ready='true']")).ToBeVisibleAsync();

        foreach (var chart in new[] { "units", "rules", "special", "durations", "overdue" })
        {
            await Assertions.Expect(page.Locator($"[data-chart='{chart}'] canvas").First).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.Locator("[data-figure='total']")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("#overdue-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#overdue-table tbody")).ToContainTextAsync("清河县恒嘉羊绒制品有限公司");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard-province.png"), FullPage = true });
        Assert.Empty(errors);
    }
}

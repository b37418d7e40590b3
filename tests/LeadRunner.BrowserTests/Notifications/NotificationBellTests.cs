using LeadRunner.Tests.TestHost;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Notifications;

/// <summary>The header's bell and the 消息 page, in Chromium: a county's return reaches the enterprise, which reads it.</summary>
public class NotificationBellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Enterprise_SeesTheUnreadCount_OpensTheList_AndMarksTheMessageRead()
    {
        var drive = new WorkflowDriver(browser.Factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await drive.CompleteOkAsync("county.130534", id, "return", "请补充合作企业的合同复印件。");

        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync($"ent.{WorkflowDriver.QingheUscc}");
        await page.GetByLabel("密码").FillAsync(LeadRunnerFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/portal");

        var bell = page.Locator("[data-notification-bell]");
        await Assertions.Expect(bell.Locator("[data-unread-count]")).ToHaveTextAsync("1");
        await bell.ClickAsync();
        await page.WaitForURLAsync("**/notifications");
        await Assertions.Expect(page.GetByText("申报材料被退回修改")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("县级审核意见：请补充合作企业的合同复印件。")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "notifications-list.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "标为已读", Exact = true }).ClickAsync();
        await Assertions.Expect(bell.Locator("[data-unread-count]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "标为已读", Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "申报材料被退回修改" }).ClickAsync();
        await page.WaitForURLAsync($"**/cases/{id}");
        Assert.Empty(errors);
    }
}

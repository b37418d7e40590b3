using LeadRunner.Data;
using LeadRunner.Holders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Holders.Support;

/// <summary>A holder claims the equipment subsidy from its home page, in Chromium: the amount shows before it submits.</summary>
public class SupportClaimBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Anping = "91131125MA0G6T214Y"; // 安平县

    [Fact]
    public async Task Holder_SeesTheAmountWhileTyping_AttachesEvidence_AndFilesTheClaim()
    {
        // The holder is written as the authorising transition would: this test is about the claim page, not recognition.
        await using (var scope = browser.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var enterpriseId = await db.Enterprises.Where(e => e.Uscc == Anping).Select(e => e.Id).SingleAsync();
            db.TitleHolders.Add(new TitleHolder { EnterpriseId = enterpriseId, Year = 2024, GrantedOn = new DateOnly(2024, 9, 10), ReReviewDueOn = new DateOnly(2027, 9, 10) });
            await db.SaveChangesAsync();
        }
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync($"ent.{Anping}");
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/portal");

        await page.GetByRole(AriaRole.Link, new() { Name = "申请支持资金" }).ClickAsync();
        await page.WaitForURLAsync("**/portal/support-claims");
        await Assertions.Expect(page.Locator("#policies")).ToContainTextAsync("最高 500.00 万元");
        await page.GetByLabel("设备更新补助（第十一条）").CheckAsync();
        await page.GetByLabel("上年度设备投入（元）").FillAsync("30000000");
        // The calculator's answer, with its numbers, before anything is submitted.
        await Assertions.Expect(page.Locator("#support-preview")).ToContainTextAsync("本项申请金额 500.00 万元");
        await Assertions.Expect(page.Locator("#support-preview")).ToContainTextAsync("超过上限 500.00 万元");

        // Form.io opens the browser's file chooser from its "browse" link.
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator(".formio-component-evidenceFiles a.browse").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload
        {
            Name = "设备购置发票.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(),
        });
        await Assertions.Expect(page.Locator(".formio-component-evidenceFiles")).ToContainTextAsync("设备购置发票.pdf");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "support-claim.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(page.Locator("#fill-alert")).ToContainTextAsync("申请已提交");
        var row = page.Locator("#my-claims tr[data-claim]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("500.00 万元");
        await Assertions.Expect(row).ToContainTextAsync("审核中");
        await using (var scope = browser.Factory.Services.CreateAsyncScope())
        {
            var claim = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().SupportClaims.IgnoreQueryFilters().SingleAsync();
            Assert.Equal((5_000_000m, "equipment:2024"), (claim.Amount, claim.OnceKey));
        }
        Assert.Empty(errors);
        Assert.Empty(browser.CspViolations);
    }
}

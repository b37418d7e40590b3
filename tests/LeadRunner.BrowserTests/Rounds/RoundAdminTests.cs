using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.BrowserTests.Workflow;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Rounds;

/// <summary>/admin/rounds driven as an administrator: copy, export, open, re-pin and import.</summary>
public class RoundAdminTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task Admin_CopiesExportsOpensRepinsAndImportsRounds()
    {
        // A second objection form, published after 2024 opened: 2024 stays on the first until it is re-pinned.
        var api = await browser.Factory.ClientFor("admin");
        var design = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync("/api/forms/objection/design"))!;
        design["title"] = $"{design["title"]}（修订）";
        (await api.PutAsJsonAsync("/api/forms/objection/design", design)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/forms/objection/publish", new { note = "再次发布" })).EnsureSuccessStatusCode();

        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "年度批次", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin/rounds");
        var rounds = page.Locator("#rounds-table");
        await Expect(rounds.Locator("tr[data-round-row='2024']")).ToContainTextAsync("已开放");

        await page.Locator("#round-2024 .copy-form").GetByLabel("复制到新年度").FillAsync("2025");
        await page.Locator("#round-2024 .copy-form").GetByRole(AriaRole.Button, new() { Name = "复制" }).ClickAsync();
        await Expect(page.Locator("#rounds-alert")).ToContainTextAsync("已从 2024 年度复制为 2025 年度批次（筹备中）");
        await Expect(rounds.Locator("tr[data-round-row='2025']")).ToContainTextAsync("筹备中");
        var round2025 = page.Locator("#round-2025");
        await Expect(round2025.Locator("tr[data-pin='form:objection']")).ToContainTextAsync("第 2 版（跟随最新）");

        var download = await page.RunAndWaitForDownloadAsync(() => round2025.GetByRole(AriaRole.Link, new() { Name = "导出批次文件" }).ClickAsync());
        Assert.Equal("2025年度批次.round.json", download.SuggestedFilename);
        var file = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(2025, JsonNode.Parse(file)!["round"]!["year"]!.GetValue<int>());

        await round2025.GetByLabel("通知日期").FillAsync("2025-08-28");
        await round2025.GetByRole(AriaRole.Button, new() { Name = "开放本批次" }).ClickAsync();
        await Expect(page.Locator("#rounds-alert")).ToContainTextAsync("通知日期 2025-08-28");
        await Expect(rounds.Locator("tr[data-round-row='2025']")).ToContainTextAsync("已开放");
        await Expect(rounds.Locator("tr[data-round-row='2025']")).ToContainTextAsync("2025-08-28");
        await Expect(round2025.Locator("thead")).ToContainTextAsync("固定版本");
        await Expect(round2025.Locator("tr[data-pin='workflow:recognition']")).ToContainTextAsync("第 1 版");
        await Expect(round2025.Locator("tr[data-pin='form:objection']")).ToContainTextAsync("第 2 版");

        // Re-pin 2024's objection form: the preview says no case moves, then the pin changes.
        var objection2024 = page.Locator("#round-2024 tr[data-pin='form:objection']");
        await Expect(objection2024).ToContainTextAsync("有新版本");
        await objection2024.GetByRole(AriaRole.Button, new() { Name = "重新固定…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "重新固定：表单““领跑者”企业公示异议”" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "查看在办案件" }).ClickAsync();
        await Expect(dialog.Locator("#repin-impact")).ToContainTextAsync("在办案件不需要迁移");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认重新固定" }).ClickAsync();
        await Expect(page.Locator("#rounds-alert")).ToContainTextAsync("已将 2024 年度的““领跑者”企业公示异议”重新固定为第 2 版");
        await Expect(objection2024).Not.ToContainTextAsync("有新版本");

        await session.ScreenshotAsync("rounds.png");
        await page.Locator("#round-2024").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "rounds-2024.png") });
        var text = await page.InnerTextAsync("main");
        foreach (var english in new[] { "draft", "open", "closed", "workflow", "followsLatest", "{" })
        {
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
        }

        // The exported file back in as 2026: the preview is a table, then the import makes a draft round.
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "2025年度批次.round.json", MimeType = "application/json", Buffer = file });
        await page.GetByLabel("导入为年度（可选）").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "预览导入" }).ClickAsync();
        var preview = page.Locator("#import-preview");
        await Expect(preview).ToContainTextAsync("将以 2025 年度的文件导入为 2026 年度批次（筹备中）");
        await Expect(preview.GetByRole(AriaRole.Table, new() { Name = "导入预览" })).ToContainTextAsync("沿用本系统第 1 版（内容相同）");
        await Expect(page.Locator("#import-file-name")).ToHaveTextAsync("2025年度批次.round.json");
        await page.Locator("#import-panel").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "rounds-import-preview.png") });
        await preview.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Expect(page.Locator("#rounds-alert")).ToContainTextAsync("已导入2026年度河北省特色产业集群“领跑者”企业认定（筹备中）");
        await Expect(rounds.Locator("tr[data-round-row='2026']")).ToContainTextAsync("筹备中");
        session.AssertNothingLeftTheApp();
    }
}

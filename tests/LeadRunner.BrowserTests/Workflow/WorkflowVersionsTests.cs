using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Workflow;

/// <summary>The version list (import, compare, retract, rollback) and publishing with running cases to migrate.</summary>
[RunsLong(60)]
public class WorkflowVersionsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static string PoolEntryFile() =>
        File.ReadAllText(Path.Combine(Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "workflows", "pool-entry.workflow.json"));

    [Fact]
    public async Task List_ImportCompareRetractRollback()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await page.GotoAsync(browser.BaseUrl + "/admin/workflows");

        // A broken file: the errors name their line and column in that file.
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.workflow.json", MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes(PoolEntryFile().Replace("\"to\": \"cityApproval\"", "\"to\": \"cityApprovel\"", StringComparison.Ordinal)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入为草稿" }).ClickAsync();
        await Expect(page.Locator("#import-result")).ToContainTextAsync(new Regex("第 \\d+ 行第 \\d+ 列（\\$\\.transitions\\[1\\]\\.to）：流转“推荐入库”的目标步骤“cityApprovel”不存在"));

        // A good file with a new title becomes a draft, opened and published from the editor.
        var changed = JsonNode.Parse(PoolEntryFile())!;
        changed["title"] = "“领跑者”企业培育库入库（2025 修订）";
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "pool-entry.workflow.json", MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes(changed.ToJsonString()),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入为草稿" }).ClickAsync();
        await Expect(page.Locator("#list-alert")).ToContainTextAsync("已导入““领跑者”企业培育库入库（2025 修订）”为草稿");
        await Expect(page.Locator("#wf-pool-entry tbody tr").First).ToContainTextAsync("草稿");
        await page.Locator("#list-alert").GetByRole(AriaRole.Link, new() { Name = "打开草稿" }).ClickAsync();
        await Expect(page.Locator("#diagram svg")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByLabel("流程名称")).ToHaveValueAsync("“领跑者”企业培育库入库（2025 修订）");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布…" }).ClickAsync();
        await page.GetByLabel("发布说明").FillAsync("名称注明 2025 修订");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await Expect(page.Locator("#editor-alert")).ToContainTextAsync("已发布版本 2");

        await page.GotoAsync(browser.BaseUrl + "/admin/workflows");
        var section = page.Locator("#wf-pool-entry");
        await section.GetByRole(AriaRole.Button, new() { Name = "比较" }).ClickAsync();
        await Expect(section.Locator(".compare-result")).ToContainTextAsync("版本 1 → 版本 2，共 1 处变化");
        await Expect(section.Locator(".compare-result")).ToContainTextAsync("名称由““领跑者”企业培育库入库”改为““领跑者”企业培育库入库（2025 修订）”");

        await section.Locator("tr[data-version-row='2']").GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "撤回版本 2" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定撤回" }).ClickAsync();
        await Expect(dialog.Locator("#note-error")).ToHaveTextAsync("请填写说明。");
        await dialog.GetByLabel("说明").FillAsync("名称修订暂缓");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定撤回" }).ClickAsync();
        await Expect(page.Locator("#list-alert")).ToContainTextAsync("已撤回版本 2。");
        await Expect(section.Locator("tr[data-version-row='2']")).ToContainTextAsync("已撤回");
        await Expect(section.Locator("tr[data-version-row='1']")).ToContainTextAsync("当前");

        await section.Locator("tr[data-version-row='2']").GetByRole(AriaRole.Button, new() { Name = "回滚到此版本" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "回滚到版本 2" });
        await dialog.GetByLabel("说明").FillAsync("名称修订恢复使用");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定回滚" }).ClickAsync();
        await Expect(page.Locator("#list-alert")).ToContainTextAsync("已回滚：以版本 2 的内容发布为版本 3。");
        var row3 = section.Locator("tr[data-version-row='3']");
        await Expect(row3).ToContainTextAsync("当前");
        await Expect(row3).ToContainTextAsync("基于版本 2");
        await Expect(row3).ToContainTextAsync("名称修订恢复使用");
        await session.ScreenshotAsync("workflow-list.png");

        var download = await page.RunAndWaitForDownloadAsync(() => row3.GetByRole(AriaRole.Link, new() { Name = "导出" }).ClickAsync());
        Assert.Equal("pool-entry.v3.workflow.json", download.SuggestedFilename);
        session.AssertNothingLeftTheApp();
    }

    [Fact]
    public async Task Publish_RenamedStepWithRunningCases_AsksWhereToMoveThemAndMigrates()
    {
        // A publish moves only cases of rounds that follow the newest versions (open rounds change by a re-pin): an
        // administrator prepares a draft round and starts a trial case in it, waiting in the first step.
        var api = await Playwright.CreateAsync();
        var admin = await api.APIRequest.NewContextAsync(new() { BaseURL = browser.BaseUrl });
        var login = await admin.PostAsync("/api/auth/login", new() { DataObject = new { email = "admin", password = "Demo@2024" } });
        var bearer = new Dictionary<string, string> { ["Authorization"] = $"Bearer {JsonDocument.Parse(await login.TextAsync()).RootElement.GetProperty("accessToken").GetString()}" };
        var copied = await admin.PostAsync("/api/rounds/2024/copy-to/2031", new() { Headers = bearer });
        Assert.Equal(201, copied.Status);
        var enterprises = JsonDocument.Parse(await (await admin.GetAsync("/api/enterprises", new() { Headers = bearer })).TextAsync()).RootElement;
        var enterpriseId = enterprises.EnumerateArray().First(e => e.GetProperty("uscc").GetString() == "91130534MA0CQH1106").GetProperty("id").GetInt32();
        var started = await admin.PostAsync("/api/instances", new()
        {
            DataObject = new { workflow = "recognition", enterpriseId, variables = new { year = 2031 } },
            Headers = bearer,
        });
        Assert.Equal(201, started.Status);
        var instanceId = JsonDocument.Parse(await started.TextAsync()).RootElement.GetProperty("id").GetInt64();

        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await session.OpenEditorAsync("?from=1");
        var first = session.Step("submission");
        await first.Locator("summary.step-summary").ClickAsync();
        await first.GetByLabel("步骤标识", new() { Exact = true }).FillAsync("declaration");
        await Expect(page.GetByLabel("起始步骤")).ToHaveValueAsync("declaration");
        await Expect(page.Locator("#error-summary")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "发布…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "发布新版本" });
        await Expect(dialog.Locator("#publish-preview")).ToContainTextAsync("共有 1 个运行中的案件");
        await Expect(dialog.Locator("#publish-preview tbody tr")).ToContainTextAsync("企业填报申报材料（submission）");
        await Expect(dialog.Locator("#publish-preview tbody tr")).ToContainTextAsync("已删除或改名");
        await dialog.GetByLabel("迁移到新版本").CheckAsync();
        var target = dialog.GetByLabel("“企业填报申报材料”（1 个案件）迁移到");
        await Expect(target).ToBeVisibleAsync();
        await dialog.GetByLabel("发布说明").FillAsync("申报步骤改名为 declaration");

        // Without a target the server refuses (409) and the dialog says why.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await Expect(dialog.Locator("#publish-errors")).ToContainTextAsync("新版本删除或改名了仍有实例所在的步骤");
        await Expect(target).ToHaveClassAsync(new Regex("is-invalid"));
        await session.ScreenshotAsync("workflow-editor-migrate.png");

        await target.SelectOptionAsync("declaration");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await Expect(page.Locator("#editor-alert")).ToContainTextAsync("已发布版本 2");

        var instance = await page.APIRequest.GetAsync($"{browser.BaseUrl}/api/instances/{instanceId}");
        using var json = JsonDocument.Parse(await instance.TextAsync());
        Assert.Equal("declaration", json.RootElement.GetProperty("currentStep").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());
        await admin.DisposeAsync();
        api.Dispose();
        session.AssertNothingLeftTheApp();
    }
}

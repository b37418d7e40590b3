using System.Net.Http.Json;
using LeadRunner.Cms.Editing;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Cms;

/// <summary>
/// The editors' pages in Chromium as the province's publishers: write a notice with a table, preview, publish, edit a
/// draft while the public keeps the published version, compare and restore versions, and a second person's approval.
/// </summary>
[RunsLong(70)]
public class ContentEditorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Table = "| 序号 | 企业名称 | 所在地 |\n| --- | --- | --- |\n| 1 | 清河县恒嘉羊绒制品有限公司 | 邢台市清河县 |";

    private async Task<(IPage Page, List<string> Errors)> SignInAsync(string user)
    {
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");
        return (page, errors);
    }

    private static System.Text.RegularExpressions.Regex EditorUrl() => new(@"/admin/content/\d+$");

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [Fact]
    public async Task Province_WritesANoticeWithATable_PreviewsAndPublishes_ThenEditsADraftWhileThePublicKeepsThePublishedVersion()
    {
        var (page, errors) = await SignInAsync("province");
        await page.GetByRole(AriaRole.Link, new() { Name = "网站内容" }).First.ClickAsync();
        await page.WaitForURLAsync("**/admin/content");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建通知公告" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/content/new?type=notice");
        Assert.StartsWith("notice-", await page.GetByLabel("网址名").InputValueAsync(), StringComparison.Ordinal);

        await page.GetByLabel("标题", new() { Exact = true }).FillAsync("关于公布2024年度集群领跑者企业初选名单的通知");
        await page.GetByLabel("网址名").FillAsync("2024-first-list");
        await page.GetByLabel("文号").FillAsync("冀工信产业〔2024〕201号");
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync("各有关单位：\n\n现将初选名单公布如下：\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "表格" }).ClickAsync();
        // The toolbar's table is live in the preview beside the editor, drawn by the site's renderer.
        await Assertions.Expect(page.Locator("#preview table th").First).ToHaveTextAsync("序号");
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync("各有关单位：\n\n现将初选名单公布如下：\n\n" + Table);
        await Assertions.Expect(page.Locator("#preview table td").Nth(1)).ToHaveTextAsync("清河县恒嘉羊绒制品有限公司");
        await page.ScreenshotAsync(new() { Path = Shot("content-editor-new.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.WaitForURLAsync(EditorUrl());
        await Assertions.Expect(page.Locator("#editor-alert")).ToContainTextAsync("已保存为草稿");
        var editor = page.Url;

        // The preview is the public article, in the public layout, with its banner.
        var preview = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "预览", Exact = true }).ClickAsync());
        await Assertions.Expect(preview.Locator("#preview-banner")).ToContainTextAsync("预览：尚未发布");
        await Assertions.Expect(preview.Locator("article.document table td").Nth(1)).ToHaveTextAsync("清河县恒嘉羊绒制品有限公司");
        await Assertions.Expect(preview.Locator("article.document .meta")).ToContainTextAsync("冀工信产业〔2024〕201号");
        await preview.ScreenshotAsync(new() { Path = Shot("content-preview.png"), FullPage = true });
        await preview.CloseAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "立即发布" }).ClickAsync();
        await Assertions.Expect(page.Locator("#editor-alert")).ToContainTextAsync("已发布第 1 版");
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(browser.BaseUrl + "/notices/2024-first-list");
        await Assertions.Expect(visitor.Locator("article.document h1")).ToHaveTextAsync("关于公布2024年度集群领跑者企业初选名单的通知");
        await Assertions.Expect(visitor.Locator("article.document table td").Nth(1)).ToHaveTextAsync("清河县恒嘉羊绒制品有限公司");

        // An edit is a draft: the public keeps version 1 until the draft is published.
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync("关于公布2024年度集群领跑者企业初选名单（更正）的通知");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator("#editor-alert")).ToContainTextAsync("网站上仍显示已发布的版本");
        await Assertions.Expect(page.Locator("#item-state")).ToContainTextAsync("有未发布的修改");
        await visitor.ReloadAsync();
        await Assertions.Expect(visitor.Locator("article.document h1")).ToHaveTextAsync("关于公布2024年度集群领跑者企业初选名单的通知");

        await page.GetByRole(AriaRole.Button, new() { Name = "立即发布" }).ClickAsync();
        await Assertions.Expect(page.Locator("#editor-alert")).ToContainTextAsync("已发布第 2 版");
        await visitor.ReloadAsync();
        await Assertions.Expect(visitor.Locator("article.document h1")).ToHaveTextAsync("关于公布2024年度集群领跑者企业初选名单（更正）的通知");
        Assert.Equal(editor, page.Url);

        await page.GotoAsync(browser.BaseUrl + "/admin/content");
        var row = page.Locator("#items tbody tr").Filter(new() { HasText = "（更正）" });
        await Assertions.Expect(row).ToContainTextAsync("已发布");
        await Assertions.Expect(row).ToContainTextAsync("第 2 版");
        await page.ScreenshotAsync(new() { Path = Shot("content-list.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Versions_ShowAReadableDiff_AndRestoreMakesADraft_ValidationErrorsStandByTheirFields()
    {
        var api = await browser.Factory.ClientFor("province");
        var created = await api.PostAsJsonAsync("/api/content", new { type = "notice", title = "联系我们", slug = "phone-and-address", body = "电话：0311-87903827" });
        var id = (await created.Content.ReadFromJsonAsync<ContentApi.Created>())!.Id;
        (await api.PostAsJsonAsync($"/api/content/{id}/publish", new { })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync($"/api/content/items/{id}", new { type = "notice", title = "联系方式", slug = "phone-and-address", body = "电话：0311-87903827\n\n地址：石家庄市和平西路 402 号" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/content/{id}/publish", new { })).EnsureSuccessStatusCode();

        var (page, errors) = await SignInAsync("province");
        await page.GotoAsync($"{browser.BaseUrl}/admin/content/{id}/versions");
        var changes = page.Locator("#changes table");
        await Assertions.Expect(changes.Locator("thead")).ToContainTextAsync("字段");
        await Assertions.Expect(changes.Locator("tr").Filter(new() { HasText = "标题" })).ToContainTextAsync("联系我们");
        await Assertions.Expect(changes.Locator("tr").Filter(new() { HasText = "标题" })).ToContainTextAsync("联系方式");
        await Assertions.Expect(changes).ToContainTextAsync("地址：石家庄市和平西路 402 号");
        Assert.Equal(0, await page.GetByText("\"title\"").CountAsync());
        await page.ScreenshotAsync(new() { Path = Shot("content-versions.png"), FullPage = true });

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("tr[data-version='1']").GetByRole(AriaRole.Button, new() { Name = "恢复为草稿" }).ClickAsync();
        await page.WaitForURLAsync($"**/admin/content/{id}");
        await Assertions.Expect(page.Locator("#editor-alert")).ToContainTextAsync("已将第 1 版恢复为草稿");
        await Assertions.Expect(page.GetByLabel("标题", new() { Exact = true })).ToHaveValueAsync("联系我们");
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(browser.BaseUrl + "/notices/phone-and-address");
        await Assertions.Expect(visitor.Locator("article.document h1")).ToHaveTextAsync("联系方式");

        // The API's validation messages stand next to their fields.
        await page.GetByLabel("网址名").FillAsync("Bad Slug!");
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for='$.slug']")).ToContainTextAsync("网址名须为");
        await Assertions.Expect(page.Locator("[data-error-for='$.body']")).ToContainTextAsync("正文不能为空");
        await Assertions.Expect(page.GetByLabel("网址名")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await page.ScreenshotAsync(new() { Path = Shot("content-editor-errors.png"), FullPage = true });

        // A 公示 is written with its round's cases to choose from; saving counts its last day on the working-day calendar.
        var caseId = await new LeadRunner.Tests.TestHost.WorkflowDriver(browser.Factory).StartRecognitionAsync();
        await page.GotoAsync(browser.BaseUrl + "/admin/content/new?type=publicity");
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync("2024年度集群领跑者企业初选名单公示");
        await page.GetByLabel("公示开始日期").FillAsync("2024-10-08");
        var row = page.Locator("#cases tbody tr").Filter(new() { HasText = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await Assertions.Expect(row).ToContainTextAsync("清河县恒嘉羊绒制品有限公司");
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync("公示期内如有异议，请提出。\n\n[form:objection]");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.WaitForURLAsync(EditorUrl());
        await Assertions.Expect(page.Locator("#publicity-window")).ToContainTextAsync("2024年10月8日 至");
        await Assertions.Expect(row.GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = Shot("content-editor-publicity.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WithApprovalOn_OnePublisherSubmits_TheOtherApproves()
    {
        var admin = await browser.Factory.ClientFor("admin");
        (await admin.PutAsJsonAsync("/api/content/settings", new { requireApproval = true })).EnsureSuccessStatusCode();
        try
        {
            var (author, authorErrors) = await SignInAsync("province.editor");
            await author.GotoAsync(browser.BaseUrl + "/admin/content/new?type=notice");
            await author.GetByLabel("标题", new() { Exact = true }).FillAsync("关于开展2025年度申报工作的预通知");
            await author.GetByLabel("网址名").FillAsync("2025-pre-notice");
            await author.GetByLabel("正文", new() { Exact = true }).FillAsync("请各地提前做好准备。");
            await author.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
            await author.WaitForURLAsync(EditorUrl());
            await author.GetByRole(AriaRole.Button, new() { Name = "立即发布" }).ClickAsync();
            await Assertions.Expect(author.Locator("#editor-alert")).ToContainTextAsync("已提交审核");
            await Assertions.Expect(author.Locator("#pending")).ToContainTextAsync("待审核");

            // The author cannot approve their own publish: the API says so.
            await author.GotoAsync(browser.BaseUrl + "/admin/content");
            await Assertions.Expect(author.Locator("#approval-state")).ToContainTextAsync("已开启发布审核");
            var request = author.Locator("#requests tr").Filter(new() { HasText = "2025年度申报工作的预通知" });
            await request.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
            await Assertions.Expect(author.Locator("#content-alert")).ToContainTextAsync("不能审核自己提交的发布申请");
            await author.ScreenshotAsync(new() { Path = Shot("content-approval-own.png"), FullPage = true });
            var visitor = await browser.NewPageAsync();
            Assert.Equal(404, (await visitor.GotoAsync(browser.BaseUrl + "/notices/2025-pre-notice"))!.Status);

            var (approver, approverErrors) = await SignInAsync("province");
            await approver.GotoAsync(browser.BaseUrl + "/admin/content");
            var queued = approver.Locator("#requests tr").Filter(new() { HasText = "2025年度申报工作的预通知" });
            await Assertions.Expect(queued).ToContainTextAsync("province.editor");
            await queued.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
            await Assertions.Expect(approver.Locator("#content-alert")).ToContainTextAsync("已发布第 1 版");
            await Assertions.Expect(approver.Locator("#requests")).ToHaveCountAsync(0);
            await approver.ScreenshotAsync(new() { Path = Shot("content-approved.png"), FullPage = true });
            Assert.Equal(200, (await visitor.GotoAsync(browser.BaseUrl + "/notices/2025-pre-notice"))!.Status);
            Assert.Empty(authorErrors);
            Assert.Empty(approverErrors);
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/content/settings", new { requireApproval = false })).EnsureSuccessStatusCode();
        }
    }
}

using LeadRunner.Forms;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Forms;

/// <summary>The designer and a rendered form in Chromium: our assets only, Chinese text, the server's palette, autosaved drafts.</summary>
[RunsLong(35)]
public class FormsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed class Session
    {
        public List<string> Requests { get; } = [];
        public List<string> ScriptErrors { get; } = [];
        public required IPage Page { get; init; }
    }

    private async Task<Session> SignInAsync(string user, string landing)
    {
        var page = await browser.NewPageAsync(1400, 1000);
        var session = new Session { Page = page };
        page.Request += (_, request) => { lock (session.Requests) { session.Requests.Add(request.Url); } };
        page.PageError += (_, error) => { lock (session.ScriptErrors) { session.ScriptErrors.Add(error); } };
        // Assets that fail to load are errors; API answers such as "no draft yet" (404) are expected.
        page.Response += (_, response) => { if (response.Status >= 400 && !response.Url.Contains("/api/", StringComparison.Ordinal)) { lock (session.ScriptErrors) { session.ScriptErrors.Add($"HTTP {response.Status} {response.Url}"); } } };
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(landing);
        return session;
    }

    // Our host, or data and blob URLs the page made itself (ace starts its workers from blobs of our scripts).
    private bool IsOurs(string url) =>
        url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal)
        || url.StartsWith("blob:" + browser.BaseUrl, StringComparison.Ordinal);

    [Fact]
    public async Task Designer_LoadsWithNoExternalRequest_AndOffersExactlyTheServersComponents()
    {
        var session = await SignInAsync("admin", "**/staff");
        var page = session.Page;
        await page.GotoAsync($"{browser.BaseUrl}/admin/forms/application/edit");
        // The builder is ready once the application's selects have loaded their round lists (/api/rounds/current/lists/…).
        await Assertions.Expect(page.Locator("#builder .builder-sidebar")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#builder").GetByText("企业名称").First).ToBeVisibleAsync();

        // Open a text field's settings: the edit dialog pulls in ace for its editors, from our copy.
        var address = page.Locator("#builder .builder-component").Filter(new() { HasText = "通讯地址" }).Last;
        await address.HoverAsync();
        await address.Locator(".component-settings-button-edit").First.ClickAsync();
        await Assertions.Expect(page.Locator(".formio-dialog").GetByText("字段标识（key）").First).ToBeAttachedAsync();
        // Ace is what the dialog fetches last; once it runs, every request of this page so far has been recorded.
        // (Waiting for the network to fall idle instead times out on a loaded machine while other assets trickle in.)
        await page.WaitForFunctionAsync("() => !!window.ace", null, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "forms-designer.png") });

        // What the builder hands back passes the server's schema check: saving the draft round-trips,
        // with the roles ticked here (the application is for enterprises; the city is added).
        await Assertions.Expect(page.Locator("#form-role-enterprise")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#form-role-county")).Not.ToBeCheckedAsync();
        await page.Locator(".formio-dialog [ref=cancelButton]").First.ClickAsync();
        await page.Locator("#form-role-city").CheckAsync();
        await page.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-alert")).ToContainTextAsync("草稿已保存");
        var saved = await page.EvaluateAsync<string[]>("async () => (await (await fetch('/api/forms/application/design')).json()).roles");
        Assert.Equal(["enterprise", "city"], saved);

        var palette = await page.Locator("#builder .builder-sidebar [data-type]").EvaluateAllAsync<string[]>("els => [...new Set(els.map(e => e.dataset.type))]");
        Assert.Equal(SupportedComponents.All.Select(e => e.Type).Order(StringComparer.Ordinal), palette.Order(StringComparer.Ordinal));
        lock (session.Requests)
        {
            Assert.All(session.Requests, url => Assert.True(IsOurs(url), $"外部请求：{url}"));
        }
        Assert.True(session.ScriptErrors.Count == 0, string.Join("\n", session.ScriptErrors));
    }

    [Fact]
    public async Task Form_RendersInChinese_AutosavesADraft_AndResumesItAfterReload()
    {
        var session = await SignInAsync("ent.91130534MA0CQH1106", "**/portal");
        var page = session.Page;
        await page.GotoAsync($"{browser.BaseUrl}/forms/quarterly-update?subject=browser");
        await Assertions.Expect(page.GetByText("营业收入").First).ToBeVisibleAsync();

        // Client-side messages are Chinese too.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(page.GetByText("填报人为必填项").First).ToBeVisibleAsync();

        await page.GetByLabel("填报人").FillAsync("王芳");
        await Assertions.Expect(page.Locator("#draft-state")).ToContainTextAsync("草稿已自动保存");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "forms-fill.png") });

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#draft-state")).ToContainTextAsync("已恢复");
        await Assertions.Expect(page.GetByLabel("填报人")).ToHaveValueAsync("王芳");
        lock (session.Requests)
        {
            Assert.All(session.Requests, url => Assert.True(IsOurs(url), $"外部请求：{url}"));
        }
        Assert.True(session.ScriptErrors.Count == 0, string.Join("\n", session.ScriptErrors));
    }

    [Fact]
    public async Task PublicForm_KeepsAVisitorsDraftInThisTabOnly()
    {
        var page = await browser.NewPageAsync(1400, 1000);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync($"{browser.BaseUrl}/forms/objection");
        await Assertions.Expect(page.GetByText("未登录时草稿只暂存在本标签页")).ToBeVisibleAsync();
        await page.GetByLabel("被异议企业名称").FillAsync("雄县新宇塑料包装有限公司");
        await Assertions.Expect(page.Locator("#draft-state")).ToContainTextAsync("已暂存在本标签页");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#draft-state")).ToContainTextAsync("已恢复本标签页");
        await Assertions.Expect(page.GetByLabel("被异议企业名称")).ToHaveValueAsync("雄县新宇塑料包装有限公司");

        // Another tab (as after closing this one) starts empty: nothing typed stays behind on a shared computer.
        var other = await browser.NewPageAsync(1400, 1000);
        await other.GotoAsync($"{browser.BaseUrl}/forms/objection");
        await Assertions.Expect(other.GetByLabel("被异议企业名称")).ToHaveValueAsync("");
    }
}

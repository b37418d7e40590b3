using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Workflow;

/// <summary>
/// A signed-in administrator's page that records every request it makes, so each test can check that nothing
/// was fetched from outside the app (all scripts, styles, workers and fonts are served by us).
/// </summary>
internal sealed class EditorSession
{
    private readonly List<string> _requests = [];
    private readonly List<string> _scriptErrors = [];

    private EditorSession(IPage page, string baseUrl)
    {
        Page = page;
        BaseUrl = baseUrl;
        page.Request += (_, request) => { lock (_requests) { _requests.Add(request.Url); } };
        page.PageError += (_, error) =>
        {
            // Monaco's lazily loaded contributions sometimes race their own service registry under load
            // ("depends on UNKNOWN service"); that is inside the library, not our script, and the editor works on.
            if (error.Contains("/lib/monaco/", StringComparison.Ordinal) && error.Contains("UNKNOWN service", StringComparison.Ordinal))
            {
                return;
            }
            lock (_scriptErrors) { _scriptErrors.Add(error); }
        };
    }

    public IPage Page { get; }
    public string BaseUrl { get; }

    public static async Task<EditorSession> SignInAsync(BrowserFixture browser, string user = "admin")
    {
        var session = new EditorSession(await browser.NewPageAsync(1400, 1000), browser.BaseUrl);
        var page = session.Page;
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");
        return session;
    }

    /// <summary>Opens the editor and waits until the server's check has drawn the diagram.</summary>
    public async Task OpenEditorAsync(string query)
    {
        await Page.GotoAsync($"{BaseUrl}/admin/workflows/recognition/edit{query}");
        await Assertions.Expect(Page.Locator("#diagram svg")).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    public ILocator Step(string id) => Page.Locator($"details.step-card[data-step-id='{id}']");

    public async Task SwitchToJsonAsync()
    {
        await Page.Locator("label[for=view-json]").ClickAsync();
        await Page.WaitForFunctionAsync("() => window.monaco && monaco.editor.getEditors().length > 0 && monaco.editor.getModels()[0].getValue().length > 0");
    }

    public Task<string> JsonTextAsync() => Page.EvaluateAsync<string>("() => monaco.editor.getModels()[0].getValue()");

    /// <summary>Replaces the content of the Monaco line holding <paramref name="text"/>, as typed by hand.</summary>
    public async Task ReplaceJsonLineAsync(string text, string replacement)
    {
        // Monaco only renders the lines in view: scroll the line into view first, as the officer would.
        await Page.EvaluateAsync(
            "t => { const e = monaco.editor.getEditors()[0]; const m = e.getModel().findMatches(t, false, false, true, null, false)[0]; e.revealLineInCenter(m.range.startLineNumber); }",
            text);
        await Page.Locator(".monaco-editor .view-line", new() { HasText = text }).First.ClickAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.PressAsync("Shift+Home");
        // Deleting first: typing a quote over a selection would make Monaco wrap the selection in quotes.
        await Page.Keyboard.PressAsync("Delete");
        await Page.Keyboard.InsertTextAsync(replacement);
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name), FullPage = true });

    public void AssertNothingLeftTheApp()
    {
        lock (_requests)
        {
            Assert.NotEmpty(_requests);
            Assert.All(_requests, url => Assert.True(
                url.StartsWith(BaseUrl + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:" + BaseUrl, StringComparison.Ordinal),
                $"请求离开了本站：{url}"));
        }
        lock (_scriptErrors)
        {
            Assert.True(_scriptErrors.Count == 0, "页面脚本出错：" + string.Join(Environment.NewLine, _scriptErrors));
        }
    }
}

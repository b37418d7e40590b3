using LeadRunner.BrowserTests.Workflow;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Documents;

/// <summary>Monaco shows Chinese text as text: no box around CJK characters or full-width punctuation.</summary>
[RunsLong(70)]
public class MonacoChineseTextTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // A reference editor that asks for boxes, on the same text, in a page of its own (editors of one page share
    // their settings): it proves the highlighter boxes this text here, and tells how long it takes to.
    private async Task<int> ReferenceBoxesAsync(string text, string language)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.AddScriptTagAsync(new() { Url = "/js/monaco-setup.js" });
        var measured = await page.EvaluateAsync<int[]>("""
            async ([text, language]) => {
              await LeadRunnerMonaco.load();
              const host = document.createElement('div');
              host.style.cssText = 'width: 900px; height: 300px';
              document.body.prepend(host);
              const started = performance.now();
              const editor = monaco.editor.create(host, { value: text, language, unicodeHighlight: { nonBasicASCII: true, includeStrings: true, includeComments: true } });
              const boxes = () => host.querySelectorAll('.unicode-highlight').length;
              for (let i = 0; i < 150 && boxes() === 0; i++) await new Promise((r) => setTimeout(r, 100));
              return [boxes(), Math.round(performance.now() - started)];
            }
            """, new[] { text, language });
        await page.Context.CloseAsync();
        Assert.True(measured[0] > 0, "对照编辑器应当框出中文字符和全角标点。");
        return measured[1];
    }

    private async Task AssertNoBoxesAsync(IPage page)
    {
        var model = await page.EvaluateAsync<string[]>("() => { const m = monaco.editor.getEditors()[0].getModel(); return [m.getValue(), m.getLanguageId()]; }");
        var needed = await ReferenceBoxesAsync(model[0], model[1]);
        await page.WaitForTimeoutAsync(Math.Max(1_000, 2 * needed));
        var boxes = await page.EvaluateAsync<int[]>("""
            () => { const e = monaco.editor.getEditors()[0];
              return [e.getContainerDomNode().querySelectorAll('.unicode-highlight').length,
                e.getModel().getAllDecorations().filter((d) => d.options.className === 'unicode-highlight').length]; }
            """);
        Assert.Equal([0, 0], boxes);
    }

    [Fact]
    public async Task TemplateEditor_ChineseTextAndPunctuation_AreNotBoxed()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await page.GotoAsync(browser.BaseUrl + "/admin/templates/annex-08/edit");
        await page.WaitForFunctionAsync("() => window.monaco && monaco.editor.getEditors().length > 0");
        // The template as an officer opens it: Chinese paragraphs with full-width punctuation.
        Assert.Contains("，", await page.EvaluateAsync<string>("() => monaco.editor.getEditors()[0].getValue()"), StringComparison.Ordinal);

        await AssertNoBoxesAsync(page);
        session.AssertNothingLeftTheApp();
    }

    [Fact]
    public async Task WorkflowJsonEditor_ChineseNames_AreNotBoxed()
    {
        var session = await EditorSession.SignInAsync(browser);
        await session.Page.GotoAsync($"{browser.BaseUrl}/admin/workflows/recognition/edit?from=1");
        await Assertions.Expect(session.Page.Locator("#diagram svg")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await session.SwitchToJsonAsync();
        // The definition is full of Chinese names and messages with full-width punctuation.
        Assert.Contains("，", await session.JsonTextAsync(), StringComparison.Ordinal);

        await AssertNoBoxesAsync(session.Page);
        session.AssertNothingLeftTheApp();
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.BrowserTests.Workflow;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Forms;

/// <summary>The designer as a Chinese officer uses it: Chinese labels get valid ASCII keys, and the builder speaks Chinese.</summary>
[RunsLong(115)]
public partial class DesignerChineseTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ServerKey();

    private async Task<IPage> OpenDesignerAsync(EditorSession session, string key)
    {
        var page = session.Page;
        await page.GotoAsync($"{browser.BaseUrl}/admin/forms/{key}/edit");
        await page.WaitForFunctionAsync("() => !!window.formDesigner");
        return page;
    }

    // Drags a palette entry into the form's first drop area, as the officer does; the settings dialog opens.
    private static async Task DropAsync(IPage page, string type)
    {
        await page.Locator($"#builder .builder-sidebar [data-type='{type}']").First.DragToAsync(page.Locator("#builder .formio-builder-form .drag-container").First);
        await Assertions.Expect(page.Locator(".formio-dialog input[name='data[label]']")).ToBeVisibleAsync();
    }

    // Types a label as an officer does, key by key, then leaves the field; the builder proposes the key on these events
    // (Form.io's camel case of a Chinese label would be unusable, e.g. textField stays or the key comes out empty).
    private static async Task TypeLabelAsync(IPage page, string label, string expectedKey)
    {
        var key = page.Locator(".formio-dialog input[name='data[key]']");
        var labelInput = page.Locator(".formio-dialog input[name='data[label]']");
        // The dialog is ready once Form.io has filled in the new component's defaults: typing earlier is overwritten.
        await Assertions.Expect(key).Not.ToHaveValueAsync("");
        await Assertions.Expect(labelInput).Not.ToHaveValueAsync("");
        await labelInput.SelectTextAsync();
        await labelInput.PressSequentiallyAsync(label);
        await labelInput.PressAsync("Tab");
        await Assertions.Expect(labelInput).ToHaveValueAsync(label);
        await Assertions.Expect(key).ToHaveValueAsync(expectedKey, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task NewComponents_WithChineseLabels_GetUniqueAsciiKeys_ThatTheServerAccepts()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = await OpenDesignerAsync(session, "city-recommendation");

        await DropAsync(page, "textfield");
        await TypeLabelAsync(page, "联系人电话", "field1");
        await page.Locator(".formio-dialog [ref=saveButton]").First.ClickAsync();
        await DropAsync(page, "textarea");
        await TypeLabelAsync(page, "其他说明（选填）", "field2");
        await page.Locator(".formio-dialog [ref=saveButton]").First.ClickAsync();

        await page.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-alert")).ToContainTextAsync("草稿已保存");
        var admin = await browser.Factory.ClientFor("admin");
        var draft = JsonNode.Parse(await admin.GetStringAsync("/api/forms/city-recommendation/design"))!;
        var keys = Keys(draft["components"]).ToList();
        Assert.Contains("field1", keys);
        Assert.Contains("field2", keys);
        Assert.All(keys, k => Assert.Matches(ServerKey(), k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        session.AssertNothingLeftTheApp();
    }

    [Fact]
    public async Task ProposeKey_ChineseLabels_AvoidKeysInUse_LayoutGetsItsType_EnglishKeepsFormio()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = await OpenDesignerAsync(session, "objection");
        var keys = await page.EvaluateAsync<string[]>("""
            () => {
              const used = [{ key: 'field1' }, { type: 'columns', key: 'c', columns: [{ components: [{ key: 'field2' }] }] }];
              const p = (data) => window.LeadRunnerForms.proposeKey(data, used);
              return [p({ type: 'textfield', input: true, label: '企业名称' }), p({ type: 'panel', input: false, title: '一、基本情况' }),
                String(p({ type: 'textfield', input: true, label: 'Email' })), p({ type: 'number', input: true, label: '2024年营业收入' })];
            }
            """);
        Assert.Equal(["field3", "panel1", "null", "field3"], keys);
    }

    // Visible text, placeholders, tooltips and option names of the palette or a dialog that contain a Latin word.
    // Words an officer reads as they are (HTML, JSON, CSS, URL, PDF, API, Email…) are allowed by the caller.
    private const string CollectEnglish = """
        async (type) => {
          const found = new Set();
          const latin = /[A-Za-z]{2,}/;
          const note = (text) => { text = (text || '').trim(); if (text && latin.test(text)) found.add(text); };
          const scan = (root) => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const el = walker.currentNode.parentElement;
              if (el && !el.closest('script, style, .ace_editor, .ql-editor, .component-preview') && el.offsetParent !== null) note(walker.currentNode.textContent);
            }
            for (const el of root.querySelectorAll('[placeholder], [data-tooltip]')) {
              if (el.closest('.component-preview') || el.offsetParent === null) continue;
              note(el.getAttribute('placeholder'));
              // What the officer reads on hover is the tip Form.io translated into tippy, not the attribute.
              if (el.hasAttribute('data-tooltip')) note(el._tippy ? String(el._tippy.props.content) : el.getAttribute('data-tooltip'));
            }
            for (const option of root.querySelectorAll('select option, .choices__list--dropdown .choices__item')) note(option.textContent);
          };
          const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
          // Settled: nothing under root changed for 150 ms (at most 5 s), rather than a fixed pause that a loaded
          // machine may outlast and a quiet one waits out for nothing.
          const settled = (root) => new Promise((resolve) => {
            let timer;
            const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 150); });
            const cap = setTimeout(done, 5000);
            function done() { observer.disconnect(); clearTimeout(cap); clearTimeout(timer); resolve(); }
            observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
            timer = setTimeout(done, 150);
          });
          if (!type) {
            for (const g of document.querySelectorAll('#builder .builder-sidebar .builder-group-button')) { g.click(); await settled(document.querySelector('#builder .builder-sidebar')); scan(document.querySelector('#builder .builder-sidebar')); }
            return [...found];
          }
          const schema = Object.assign(JSON.parse(JSON.stringify(window.formDesigner.schemas[type])), { key: type });
          window.formDesigner.editComponent(schema, document.querySelector('#builder .formio-builder-form .drag-container'), false, false, null);
          for (let i = 0; i < 150 && !document.querySelector('.formio-dialog [ref=cancelButton]'); i++) await sleep(100);
          const dialog = document.querySelector('.formio-dialog');
          if (!dialog) return ['NO DIALOG: ' + JSON.stringify(schema)];
          await settled(dialog);
          for (const tab of dialog.querySelectorAll('.nav-tabs .nav-link')) { tab.click(); await settled(dialog); scan(dialog); }
          note([...dialog.querySelectorAll('.nav-tabs .nav-link')].map((t) => t.textContent.trim()).filter((t) => !t).length ? 'EMPTY TAB' : '');
          dialog.querySelector('[ref=cancelButton]').click();
          for (let i = 0; i < 50 && document.querySelector('.formio-dialog'); i++) await sleep(100);
          return [...found];
        }
        """;

    // Names an officer reads as they are: formats, products and codes. Component keys "(grounds)" and codes in
    // full-width brackets "（CNY）" are data, and Choices.js's "Remove item" is the text behind its × button.
    private static readonly string[] Allowed = ["HTML", "JSON", "CSS", "URL", "url", "PDF", "API", "Tab", "ACE", "CKEditor", "Quill", "ChoicesJS", "UTC", "Moment.js", "Esc", "on", "id", "Remove item", "xs", "sm", "md", "lg", "xl", "bi bi-plus", "tabindex", "yyyy-MM-dd", "moment()"];

    private static bool IsAllowed(string text)
    {
        // Markup, keys, bracketed codes, file extensions and sizes (.pdf, 20MB) and our upload address are not prose.
        var rest = Regex.Replace(text, $@"(?<![A-Za-z])({string.Join("|", Allowed.Select(Regex.Escape))})(?![A-Za-z])", "");
        rest = Regex.Replace(rest, @"<[^>]+>|\([A-Za-z0-9_.-]+\)|（[^）]*）|\{\{[^}]*\}\}|\.[A-Za-z0-9]+\b|\b\d+\s*[KMG]?B\b|/api/uploads", "");
        return !Regex.IsMatch(rest, "[A-Za-z]{2,}");
    }

    [Fact]
    public async Task Designer_PaletteAndEveryComponentsDialog_AreInChinese()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = await OpenDesignerAsync(session, "objection");
        var english = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in (await page.EvaluateAsync<string[]>(CollectEnglish, null)).Where(t => !IsAllowed(t)))
        {
            english.Add("[组件库] " + text);
        }
        foreach (var entry in LeadRunner.Forms.SupportedComponents.All)
        {
            foreach (var text in (await page.EvaluateAsync<string[]>(CollectEnglish, entry.Type)).Where(t => !IsAllowed(t)))
            {
                english.Add($"[{entry.Title}] {text}");
            }
        }
        Assert.True(english.Count == 0, $"{english.Count} 处英文：\n" + string.Join("\n", english));

        // The dialog an officer opens on a field: Chinese tab names and buttons.
        var field = page.Locator("#builder .builder-component").Filter(new() { HasText = "异议事项和理由" }).Last;
        await field.HoverAsync();
        await field.Locator(".component-settings-button-edit").First.ClickAsync();
        var tabs = await page.Locator(".formio-dialog .nav-tabs .nav-link").AllInnerTextsAsync();
        Assert.Equal(["显示", "数据", "校验", "字段标识", "条件"], tabs.Select(t => t.Trim()));
        foreach (var button in new[] { "保存", "取消", "删除" })
        {
            await Assertions.Expect(page.Locator(".formio-dialog").GetByRole(AriaRole.Button, new() { Name = button, Exact = true })).ToBeVisibleAsync();
        }
        await session.ScreenshotAsync("forms-designer-dialog-zh.png");
        session.AssertNothingLeftTheApp();
    }

    // Every component key of a schema, at any depth (columns hold components without keys of their own).
    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonArray list => list.SelectMany(Keys),
        JsonObject c => (c["key"] is JsonValue v && v.TryGetValue<string>(out var key) ? [key] : Array.Empty<string>())
            .Concat(Keys(c["components"])).Concat(Keys(c["columns"])),
        _ => [],
    };
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.BrowserTests.Workflow;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Forms;

/// <summary>The designer as a Chinese officer uses it: Chinese labels get valid ASCII keys, and the builder speaks Chinese.</summary>
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

    private static async Task<string> TypeLabelAsync(IPage page, string label)
    {
        var key = page.Locator(".formio-dialog input[name='data[key]']");
        var proposed = await key.InputValueAsync();
        await page.Locator(".formio-dialog input[name='data[label]']").FillAsync("");
        await page.Locator(".formio-dialog input[name='data[label]']").PressSequentiallyAsync(label);
        await Assertions.Expect(key).Not.ToHaveValueAsync(proposed);
        return await key.InputValueAsync();
    }

    [Fact]
    public async Task NewComponents_WithChineseLabels_GetUniqueAsciiKeys_ThatTheServerAccepts()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = await OpenDesignerAsync(session, "city-recommendation");

        await DropAsync(page, "textfield");
        Assert.Equal("field1", await TypeLabelAsync(page, "联系人电话"));
        await page.Locator(".formio-dialog [ref=saveButton]").First.ClickAsync();
        await DropAsync(page, "textarea");
        Assert.Equal("field2", await TypeLabelAsync(page, "其他说明（选填）"));
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

    // Every component key of a schema, at any depth (columns hold components without keys of their own).
    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonArray list => list.SelectMany(Keys),
        JsonObject c => (c["key"] is JsonValue v && v.TryGetValue<string>(out var key) ? [key] : Array.Empty<string>())
            .Concat(Keys(c["components"])).Concat(Keys(c["columns"])),
        _ => [],
    };
}

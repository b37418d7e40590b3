using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.BrowserTests.Workflow;
using LeadRunner.Forms;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Forms;

/// <summary>
/// What the browser produces, the server keeps (issue 15): a phone field dragged in from the palette, a hidden required
/// field and a field shown by a multi-select's choice are filled in Chromium, submitted, and read back from the store.
/// </summary>
public partial class FormParityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Key = "parity-browser";

    [GeneratedRegex(@"提交成功（编号 (\d+)")]
    private static partial Regex Stored();

    // The starting form: a multi-select whose choice 乙 shows a required field, and a hidden required field that
    // carries a default value (Form.io neither shows nor requires it, and keeps its value).
    private const string Schema = """
    {
      "key": "parity-browser", "title": "对照表单", "access": "login", "components": [
        { "type": "select", "key": "kinds", "label": "类型", "multiple": true, "dataSrc": "values", "widget": "choicesjs",
          "data": { "values": [ { "label": "甲", "value": "a" }, { "label": "乙", "value": "b" } ] } },
        { "type": "textfield", "key": "reason", "label": "选乙的原因", "validate": { "required": true },
          "conditional": { "show": true, "conjunction": "all", "conditions": [ { "component": "kinds", "operator": "isEqual", "value": "b" } ] } },
        { "type": "textfield", "key": "source", "label": "来源", "hidden": true, "defaultValue": "网上填报", "validate": { "required": true } },
        { "type": "button", "key": "submit", "label": "提交", "action": "submit" }
      ]
    }
    """;

    [Fact]
    public async Task DraggedPhone_HiddenRequired_AndFieldShownByAMultiSelect_AreSubmittedAndStored()
    {
        var admin = await browser.Factory.ClientFor("admin");
        using (var put = await admin.PutAsync($"/api/forms/{Key}/design", new StringContent(Schema, System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        // The officer drags a phone field in and names it; the designer saves it as the server can check it.
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await page.GotoAsync($"{browser.BaseUrl}/admin/forms/{Key}/edit");
        await page.WaitForFunctionAsync("() => !!window.formDesigner");
        // The phone field sits in the 常用 group, which opens on a click.
        var entry = page.Locator("#builder .builder-sidebar [data-type='phoneNumber']").First;
        await page.Locator("#builder .builder-sidebar .builder-group-button").Filter(new() { HasText = "常用" }).ClickAsync();
        await Assertions.Expect(entry).ToBeVisibleAsync();
        // A loaded CI machine can take long to finish the builder's drop animation.
        await entry.DragToAsync(page.Locator("#builder .formio-builder-form .drag-container").First, new() { Timeout = 60_000 });
        var label = page.Locator(".formio-dialog input[name='data[label]']");
        await Assertions.Expect(label).ToBeVisibleAsync();
        await label.FillAsync("联系电话");
        await Assertions.Expect(label).ToHaveValueAsync("联系电话");
        await page.Locator(".formio-dialog [ref=saveButton]").First.ClickAsync();
        await Assertions.Expect(page.Locator(".formio-dialog")).ToHaveCountAsync(0);
        await page.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-alert")).ToContainTextAsync("草稿已保存");
        using (var publish = await admin.PostAsJsonAsync($"/api/forms/{Key}/publish", new { note = "加上联系电话" }))
        {
            Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());
        }
        var design = JsonNode.Parse(await admin.GetStringAsync($"/api/forms/{Key}/design"))!;
        var phone = design["components"]!.AsArray().Single(c => (string?)c!["type"] == "phoneNumber")!;
        var phoneKey = (string)phone["key"]!;

        // Filling it in: the phone as the browser masks it (none here), 乙 chosen, and the field it shows.
        await page.GotoAsync($"{browser.BaseUrl}/forms/{Key}");
        await page.WaitForFunctionAsync("() => !!window.formRenderer");
        var phoneInput = page.Locator($"input[name='data[{phoneKey}]']");
        await phoneInput.FillAsync("13912345678");
        await Assertions.Expect(phoneInput).ToHaveValueAsync("13912345678");
        var kinds = page.Locator(".formio-component-kinds .choices");
        await kinds.ClickAsync();
        await kinds.Locator(".choices__list--dropdown .choices__item--choice").Filter(new() { HasText = "乙" }).ClickAsync();
        var reason = page.Locator("input[name='data[reason]']");
        await Assertions.Expect(reason).ToBeVisibleAsync();
        await reason.FillAsync("扩大产能");
        await Assertions.Expect(page.Locator("input[name='data[source]']")).Not.ToBeVisibleAsync();
        await page.Locator("button[name='data[submit]']").ClickAsync();

        var alert = page.Locator(".form-alert");
        await Assertions.Expect(alert).ToContainTextAsync("提交成功", new() { Timeout = 20_000 });
        var id = Stored().Match(await alert.InnerTextAsync()).Groups[1].Value;
        var stored = await admin.GetFromJsonAsync<FormsApi.SubmissionDto>($"/api/forms/submissions/{id}");
        var data = stored!.Data!.AsObject();
        Assert.Equal("13912345678", (string?)data[phoneKey]);
        Assert.Equal(["b"], data["kinds"]!.AsArray().Select(k => (string?)k));
        Assert.Equal("扩大产能", (string?)data["reason"]);
        Assert.Equal("网上填报", (string?)data["source"]);
        session.AssertNothingLeftTheApp();
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.BrowserTests.Workflow;
using LeadRunner.Forms;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Forms;

/// <summary>
/// What the browser produces, the server keeps (issue 15): a phone field dragged in from the designer's palette, a
/// required field set to Hidden and a field shown by a multi-select's choice are filled in Chromium by an enterprise,
/// submitted, and read back from the store.
/// </summary>
[RunsLong(35)]
public partial class FormParityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Key = "parity-browser";
    private const string Enterprise = "ent.91130534MA0CQH1106";

    [GeneratedRegex(@"提交成功（编号 (\d+)")]
    private static partial Regex Stored();

    // The form before the officer adds the phone: a multi-select whose choice 乙 shows a required field (a legacy
    // when/eq condition, which matches a list that holds the value), and a required field set to Hidden.
    private const string Schema = """
    {
      "key": "parity-browser", "title": "集群配套意向登记", "access": "login", "roles": ["enterprise"], "components": [
        { "type": "select", "key": "kinds", "label": "合作类型", "multiple": true, "dataSrc": "values", "widget": "choicesjs",
          "data": { "values": [ { "label": "原料供应", "value": "a" }, { "label": "委托加工", "value": "b" }, { "label": "技术服务", "value": "c" } ] } },
        { "type": "textfield", "key": "processing", "label": "委托加工的产品", "validate": { "required": true },
          "conditional": { "show": true, "when": "kinds", "eq": "b" } },
        { "type": "textfield", "key": "officeNote", "label": "受理备注", "hidden": true, "validate": { "required": true } },
        { "type": "button", "key": "submit", "label": "提交", "action": "submit" }
      ]
    }
    """;

    [Fact]
    public async Task DraggedPhone_HiddenRequired_AndFieldShownByAMultiSelect_AreSubmittedAndStored()
    {
        var admin = await browser.Factory.ClientFor("admin");
        using (var put = await admin.PutAsync($"/api/forms/{Key}/design", new StringContent(Schema, Encoding.UTF8, "application/json")))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        // The officer drags a phone field in from the palette, names it, saves and publishes: the builder's own JSON.
        var officer = await EditorSession.SignInAsync(browser);
        var designer = officer.Page;
        await designer.GotoAsync($"{browser.BaseUrl}/admin/forms/{Key}/edit");
        await designer.WaitForFunctionAsync("() => !!window.formDesigner");
        await DragPhoneInAsync(designer);
        var label = designer.Locator(".formio-dialog input[name='data[label]']");
        await Assertions.Expect(designer.Locator(".formio-dialog input[name='data[key]']")).Not.ToHaveValueAsync("");
        await label.FillAsync("联系电话");
        await Assertions.Expect(label).ToHaveValueAsync("联系电话");
        await designer.Locator(".formio-dialog [ref=saveButton]").First.ClickAsync();
        await Assertions.Expect(designer.Locator(".formio-dialog")).ToHaveCountAsync(0);
        // 发布 saves the draft, asks for the note and publishes the form's first version.
        designer.Dialog += async (_, dialog) => await dialog.AcceptAsync("加上联系电话");
        await designer.Locator("#publish").ClickAsync();
        await Assertions.Expect(designer.Locator("#designer-alert")).ToContainTextAsync("已发布版本 1");
        var published = JsonNode.Parse(await admin.GetStringAsync($"/api/forms/{Key}/versions/1"))!["components"]!.AsArray();
        var phone = published.Single(c => (string?)c!["type"] == "phoneNumber")!;
        var phoneKey = (string)phone["key"]!;
        Assert.Equal(["kinds", "processing", "officeNote", phoneKey, "submit"], published.Select(c => (string?)c!["key"]));
        // The palette's phone field comes with an empty mask (Form.io's own (999) 999-9999 holds no mainland number).
        Assert.Equal("", (string?)phone["inputMask"]);
        officer.AssertNothingLeftTheApp();

        // An enterprise fills it in: the phone as the browser masks it, two kinds including 委托加工, and the field it shows.
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(Enterprise);
        await page.GetByLabel("密码").FillAsync(LeadRunner.Tests.TestHost.LeadRunnerFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/portal");
        await page.GotoAsync($"{browser.BaseUrl}/forms/{Key}");
        await page.WaitForFunctionAsync("() => !!window.formRenderer");

        var phoneInput = page.Locator($"input[name='data[{phoneKey}]']");
        await phoneInput.PressSequentiallyAsync("13912345678");
        var shown = await phoneInput.InputValueAsync();
        Assert.Equal("13912345678", Regex.Replace(shown, "[^0-9]", ""));

        var processing = page.Locator("input[name='data[processing]']");
        var kinds = page.Locator(".formio-component-kinds .choices");
        foreach (var choice in new[] { "原料供应", "委托加工" })
        {
            await kinds.ClickAsync();
            await kinds.Locator(".choices__list--dropdown .choices__item--choice").Filter(new() { HasText = choice }).ClickAsync();
            await Assertions.Expect(kinds.Locator(".choices__list--multiple .choices__item").Filter(new() { HasText = choice })).ToHaveCountAsync(1);
        }
        await Assertions.Expect(processing).ToBeVisibleAsync();
        await processing.FillAsync("羊绒衫");
        await Assertions.Expect(page.Locator("input[name='data[officeNote]']")).Not.ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "form-parity-filled.png"), FullPage = true });
        await page.Locator("button[name='data[submit]']").ClickAsync();

        var alert = page.Locator(".form-alert");
        await Assertions.Expect(alert).ToContainTextAsync("提交成功");
        var id = Stored().Match(await alert.InnerTextAsync()).Groups[1].Value;
        var stored = await admin.GetFromJsonAsync<FormsApi.SubmissionDto>($"/api/forms/submissions/{id}");
        var data = stored!.Data!.AsObject();
        Assert.Equal(shown, (string?)data[phoneKey]);
        Assert.Equal(["a", "b"], data["kinds"]!.AsArray().Select(k => (string?)k));
        Assert.Equal("羊绒衫", (string?)data["processing"]);
        // Set to Hidden, it is neither shown nor required: nothing was typed, and nothing refused it.
        Assert.True(data["officeNote"] is null || (string?)data["officeNote"] == "", $"受理备注：{data["officeNote"]?.ToJsonString()}");
        Assert.Empty(errors);
    }

    // The phone field sits in the palette's 常用 group, closed until the officer opens it. It is dropped onto the top of
    // the submit button, so that it lands above it. Two things made this drag time out before: the drop areas that
    // ".formio-builder-form .drag-container" finds are those inside panels (the form's own area is the
    // .formio-builder-form element itself), and the builder's drag library (dragula) does not start a drag whose first
    // move is over a text input, as the middle of this form is.
    private static async Task DragPhoneInAsync(IPage page)
    {
        var entry = page.Locator("#builder .builder-sidebar [data-type='phoneNumber']").First;
        await page.Locator("#builder .builder-sidebar .builder-group-button").Filter(new() { HasText = "常用" }).ClickAsync();
        await Assertions.Expect(entry).ToBeVisibleAsync();
        var submit = page.Locator("#builder .formio-builder-form > .builder-component").Filter(new() { Has = page.Locator(".formio-component-submit") });
        await entry.DragToAsync(submit, new() { TargetPosition = new() { X = 10, Y = 4 } });
        await Assertions.Expect(page.Locator(".formio-dialog input[name='data[label]']")).ToBeVisibleAsync();
    }
}

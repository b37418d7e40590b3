using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.BrowserTests.Workflow;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Forms;

/// <summary>The designer keeps what it is given: a save without edits changes nothing, an edit changes only itself.</summary>
[RunsLong(85)]
public class DesignerRoundTripTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> SeededForms()
    {
        var folder = Path.Combine(RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "workflows", "forms");
        var keys = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.form.json").Order(StringComparer.Ordinal))
        {
            keys.Add(Path.GetFileName(file)[..^".form.json".Length]);
        }
        return keys;
    }

    [Theory]
    [MemberData(nameof(SeededForms))]
    public async Task SaveWithoutEdits_DraftEqualsThePublishedVersion(string key)
    {
        var session = await EditorSession.SignInAsync(browser);
        await OpenDesignerAsync(session.Page, key);
        await SaveDraftAsync(session.Page);

        var (published, draft) = await PublishedAndDraftAsync(key);
        Assert.Empty(FormDiff.Compare(published, draft));
        Assert.True(JsonNode.DeepEquals(published, draft), $"草稿与已发布版本不同：\n{draft.ToJsonString()}");
        session.AssertNothingLeftTheApp();
    }

    [Fact]
    public async Task EditingOneLabel_DiffShowsOnlyThatComponent_WithItsOtherPropertiesKept()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await OpenDesignerAsync(page, "objection");

        // The grounds field carries rows and a placeholder, which Form.io's builder rewrites when it loads a component.
        var grounds = page.Locator("#builder .builder-component").Filter(new() { HasText = "异议事项和理由" }).Last;
        await grounds.HoverAsync();
        await grounds.Locator(".component-settings-button-edit").First.ClickAsync();
        var label = page.Locator(".formio-dialog input[name='data[label]']");
        await label.FillAsync("异议事项、理由和依据");
        await page.Locator(".formio-dialog [ref=saveButton]").First.ClickAsync();
        await Assertions.Expect(page.Locator(".formio-dialog")).ToHaveCountAsync(0);
        await SaveDraftAsync(page);

        var admin = await browser.Factory.ClientFor("admin");
        var publish = await admin.PostAsJsonAsync("/api/forms/objection/publish", new { note = "改写理由字段的名称" });
        var version = (await publish.Content.ReadFromJsonAsync<FormsAdminApi.VersionDto>())!.Version!.Value;
        var diff = await admin.GetFromJsonAsync<FormDiff.Change[]>($"/api/forms/objection/diff?from={version - 1}&to={version}");

        var change = Assert.Single(diff!);
        Assert.Equal(("changed", "grounds"), (change.Kind, change.Path));
        var before = JsonNode.Parse(change.Before!)!.AsObject();
        var after = JsonNode.Parse(change.After!)!.AsObject();
        Assert.Equal("异议事项、理由和依据", (string?)after["label"]);
        before.Remove("label");
        after.Remove("label");
        Assert.True(JsonNode.DeepEquals(before, after), $"除名称外还改变了：{after.ToJsonString()}");
        session.AssertNothingLeftTheApp();
    }

    private async Task OpenDesignerAsync(IPage page, string key)
    {
        await page.GotoAsync($"{browser.BaseUrl}/admin/forms/{key}/edit");
        // The Form.io builder is the heaviest page; with the integration suite sharing the two cores it can take over 20 s.
        await page.WaitForFunctionAsync("() => !!window.formDesigner", null, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#builder .builder-sidebar")).ToBeVisibleAsync();
    }

    private static async Task SaveDraftAsync(IPage page)
    {
        await page.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-alert")).ToContainTextAsync("草稿已保存");
    }

    private async Task<(JsonObject Published, JsonObject Draft)> PublishedAndDraftAsync(string key)
    {
        var admin = await browser.Factory.ClientFor("admin");
        var forms = await admin.GetFromJsonAsync<FormsAdminApi.FormDto[]>("/api/forms");
        var form = forms!.Single(f => f.Key == key);
        Assert.True(form.HasDraft, "保存后应有草稿。");
        var published = JsonNode.Parse(await admin.GetStringAsync($"/api/forms/{key}/versions/{form.CurrentVersion}"))!.AsObject();
        var draft = JsonNode.Parse(await admin.GetStringAsync($"/api/forms/{key}/design"))!.AsObject();
        return (published, draft);
    }
}

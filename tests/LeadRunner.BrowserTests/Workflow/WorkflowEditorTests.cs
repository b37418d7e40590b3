using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Workflow;

/// <summary>The definition editor as a programme officer uses it: form, diagram, JSON view, save and publish.</summary>
[RunsLong(140)]
public class WorkflowEditorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task Form_InsertExpertReviewBetweenCityAndProvince_SavesAndPublishesVersion2()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await page.GotoAsync(browser.BaseUrl + "/admin/workflows");
        await page.Locator("#wf-recognition").GetByRole(AriaRole.Link, new() { Name = "编辑", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin/workflows/recognition/edit?from=1");
        await Expect(page.Locator("#diagram svg")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // The new step, between the city's and the province's review.
        await page.GetByRole(AriaRole.Button, new() { Name = "在“市级工信部门审核推荐”之后插入步骤" }).ClickAsync();
        var expert = page.Locator("details.step-card").Nth(3);
        await expert.GetByLabel("步骤标识", new() { Exact = true }).FillAsync("expertReview");
        await expert.GetByLabel("步骤名称", new() { Exact = true }).FillAsync("专家评审");
        await Expect(expert.GetByLabel("步骤类型", new() { Exact = true })).ToHaveValueAsync("humanTask");
        await expert.GetByLabel("办理角色", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "省工信厅" });
        await Expect(expert.GetByLabel("办理范围", new() { Exact = true })).ToHaveValueAsync("province");
        await Expect(expert.GetByLabel("办理范围", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("全省");

        // The city now recommends to the experts…
        var city = session.Step("cityReview");
        await city.Locator("summary.step-summary").ClickAsync();
        var recommend = city.Locator("details.transition-card", new() { HasText = "推荐上报" });
        await recommend.Locator("summary").ClickAsync();
        await recommend.GetByLabel("目标步骤", new() { Exact = true }).SelectOptionAsync("expertReview");
        await Expect(recommend.Locator("summary")).ToContainTextAsync("→ 专家评审");

        // …and the experts pass the case on to the province.
        await page.GetByRole(AriaRole.Button, new() { Name = "为“专家评审”添加流转" }).ClickAsync();
        var pass = session.Step("expertReview").Locator("details.transition-card").Last;
        await pass.GetByLabel("按钮名称", new() { Exact = true }).FillAsync("评审通过");
        await pass.GetByLabel("流转标识", new() { Exact = true }).FillAsync("pass");
        await pass.GetByLabel("目标步骤", new() { Exact = true }).SelectOptionAsync("provinceReview");

        await Expect(page.Locator("#diagram svg")).ToContainTextAsync("专家评审");
        await Expect(page.Locator("#error-summary")).ToBeHiddenAsync();
        await session.ScreenshotAsync("workflow-editor-inserted-step.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(page.Locator("#save-state")).ToContainTextAsync("已保存草稿");
        Assert.Matches(new Regex(@"\?draft=\d+$"), page.Url);

        await page.GetByRole(AriaRole.Button, new() { Name = "发布…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "发布新版本" });
        await Expect(dialog.Locator("#publish-preview")).ToContainTextAsync("当前没有运行中的案件");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await Expect(dialog.Locator("#publish-errors")).ToContainTextAsync("请填写发布说明");
        await dialog.GetByLabel("发布说明").FillAsync("市级推荐后增加专家评审环节");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await Expect(page.Locator("#editor-alert")).ToContainTextAsync("已发布版本 2");
        await session.ScreenshotAsync("workflow-editor-published.png");

        var response = await page.APIRequest.GetAsync(browser.BaseUrl + "/api/workflows/recognition/versions/2");
        Assert.True(response.Ok);
        using var version2 = JsonDocument.Parse(await response.TextAsync());
        var root = version2.RootElement;
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        var step = root.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "expertReview");
        Assert.Equal("专家评审", step.GetProperty("title").GetString());
        Assert.Equal("humanTask", step.GetProperty("kind").GetString());
        Assert.Equal("province", step.GetProperty("assignee").GetProperty("role").GetString());
        Assert.Equal("province", step.GetProperty("assignee").GetProperty("scope").GetString());
        var transitions = root.GetProperty("transitions").EnumerateArray()
            .Select(t => (From: t.GetProperty("from").GetString(), Key: t.GetProperty("key").GetString(), To: t.GetProperty("to").GetString())).ToList();
        Assert.Contains(("cityReview", "recommend", "expertReview"), transitions);
        Assert.Contains(("expertReview", "pass", "provinceReview"), transitions);
        Assert.DoesNotContain(transitions, t => t.From == "cityReview" && t.To == "provinceReview");

        // The list shows the new version as current, with who published it and why.
        await page.GotoAsync(browser.BaseUrl + "/admin/workflows");
        var row = page.Locator("#wf-recognition tr[data-version-row='2']");
        await Expect(row).ToContainTextAsync("已发布");
        await Expect(row).ToContainTextAsync("当前");
        await Expect(row).ToContainTextAsync("发布：admin");
        await Expect(row).ToContainTextAsync("市级推荐后增加专家评审环节");
        session.AssertNothingLeftTheApp();
    }

    [Fact]
    public async Task Json_TypingAnUnknownTargetStep_ShowsTheChineseErrorAtThatFieldInTheForm()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await session.OpenEditorAsync("?from=1");
        await session.SwitchToJsonAsync();

        await session.ReplaceJsonLineAsync("\"to\": \"provinceReview\"", "\"to\": \"expertPanel\",");
        const string message = "流转“推荐上报”的目标步骤“expertPanel”不存在";
        await Expect(page.Locator("#error-list")).ToContainTextAsync(message);
        await page.WaitForFunctionAsync("m => monaco.editor.getModelMarkers({ owner: 'leadrunner' }).some(x => x.message === m)", message);
        await session.ScreenshotAsync("workflow-editor-json-error.png");

        await page.Locator("label[for=view-form]").ClickAsync();
        var field = page.Locator("[data-path='$.transitions[4].to']");
        await Expect(field).ToHaveClassAsync(new Regex("is-invalid"));
        await Expect(field.Locator("option:checked")).ToHaveTextAsync("expertPanel（不存在）");
        await Expect(page.Locator("#" + await field.GetAttributeAsync("id") + "-error")).ToHaveTextAsync(message);

        // The summary takes the officer to the field, opening the step and the transition on the way.
        await page.Locator("#error-list").GetByRole(AriaRole.Button, new() { Name = message }).ClickAsync();
        await Expect(field).ToBeFocusedAsync();
        await Expect(field).ToBeVisibleAsync();
        await Expect(page.Locator("#error-list")).ToContainTextAsync("流转“推荐上报”（市级工信部门审核推荐） › 目标步骤");
        await session.ScreenshotAsync("workflow-editor-field-error.png");

        await field.SelectOptionAsync("provinceReview");
        await Expect(page.Locator("#error-summary")).ToBeHiddenAsync();
        await Expect(field).Not.ToHaveClassAsync(new Regex("is-invalid"));
        session.AssertNothingLeftTheApp();
    }

    [Fact]
    public async Task Json_ShowsTheDefinitionAndAnEditThereReachesTheForm_BrokenJsonBlocksSwitching()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await session.OpenEditorAsync("?from=1");
        await page.GetByLabel("流程名称").FillAsync("特色产业集群“领跑者”企业年度认定（修订稿）");
        await session.SwitchToJsonAsync();

        var text = await session.JsonTextAsync();
        Assert.Contains("\"id\": \"countyReview\"", text, StringComparison.Ordinal);
        Assert.Contains("\"title\": \"特色产业集群“领跑者”企业年度认定（修订稿）\"", text, StringComparison.Ordinal);
        await Expect(page.Locator(".monaco-editor .view-lines")).ToContainTextAsync("recognition");

        // Broken JSON: switching back is refused with the place of the problem.
        await session.ReplaceJsonLineAsync("（修订稿）", "\"title\": \"2025 年度认定\"");
        await page.Locator("label[for=view-form]").ClickAsync();
        await Expect(page.Locator("#editor-alert")).ToContainTextAsync("JSON 格式有误（第 6 行");
        await Expect(page.Locator("#editor-alert")).ToContainTextAsync("修正后才能切换回表单编辑");
        await Expect(page.Locator("#json-view")).ToBeVisibleAsync();
        await Expect(page.Locator("#view-json")).ToBeCheckedAsync();

        await session.ReplaceJsonLineAsync("2025 年度认定", "\"title\": \"2025 年度认定\",");
        await page.Locator("label[for=view-form]").ClickAsync();
        await Expect(page.Locator("#form-view")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("流程名称")).ToHaveValueAsync("2025 年度认定");
        await Expect(page.Locator("#editor-title")).ToHaveTextAsync("2025 年度认定");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync("有未保存的修改");
        session.AssertNothingLeftTheApp();
    }

    [Fact]
    public async Task Diagram_ClickingANode_SelectsAndOpensThatStep()
    {
        var session = await EditorSession.SignInAsync(browser);
        var page = session.Page;
        await session.OpenEditorAsync("?from=1");
        var county = session.Step("countyReview");
        await Expect(county).Not.ToHaveAttributeAsync("open", "");

        await page.Locator("#diagram g.node", new() { HasText = "县级工信部门审核" }).ClickAsync();
        await Expect(county).ToHaveAttributeAsync("open", "");
        await Expect(county).ToHaveClassAsync(new Regex("is-selected"));
        await Expect(county).ToBeInViewportAsync();
        await Expect(county.GetByLabel("步骤名称", new() { Exact = true })).ToHaveValueAsync("县级工信部门审核");
        await Expect(page.Locator("#diagram g.node.wf-selected")).ToContainTextAsync("县级工信部门审核");
        await Expect(page.Locator("details.step-card.is-selected")).ToHaveCountAsync(1);

        await page.Locator("#diagram g.node", new() { HasText = "社会公示" }).ClickAsync();
        await Expect(session.Step("publicity")).ToHaveClassAsync(new Regex("is-selected"));
        await Expect(county).Not.ToHaveClassAsync(new Regex("is-selected"));
        await session.ScreenshotAsync("workflow-editor-diagram-select.png");
        session.AssertNothingLeftTheApp();
    }
}

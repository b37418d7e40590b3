using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LeadRunner.Accounts;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Editor;

/// <summary>/admin/workflows and /admin/workflows/{id}/edit: what they render, for whom, and what they hand to the script.</summary>
public class WorkflowEditorPagesTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private static JsonElement EditorData(string html)
    {
        var script = new HtmlParser().ParseDocument(html).QuerySelector("script#editor-data");
        Assert.NotNull(script);
        return JsonDocument.Parse(script.TextContent).RootElement;
    }

    private static List<string> Values(JsonElement list, string property = "value") =>
        [.. list.EnumerateArray().Select(o => o.GetProperty(property).GetString()!)];

    [Fact]
    public async Task List_ForAdmin_ShowsTheShippedDefinitionsWithTheirVersionsAndActions()
    {
        var admin = await factory.ClientFor("admin");
        var response = await admin.GetAsync("/admin/workflows");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);

        var recognition = document.QuerySelector("#wf-recognition")!;
        Assert.Contains("特色产业集群“领跑者”企业年度认定", recognition.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("当前版本 1", recognition.TextContent, StringComparison.Ordinal);
        var row = recognition.QuerySelector("tr[data-version-row='1']")!;
        Assert.Equal(["已发布", "当前"], row.QuerySelectorAll(".badge").Select(b => b.TextContent));
        Assert.Contains("创建：系统", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("发布：系统", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("从 recognition.workflow.json 导入", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/api/workflows/recognition/versions/1/export", row.QuerySelector("a[download]")!.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector("button[data-action='retract'][data-version='1']"));
        // The current version cannot be rolled back to; with one version there is nothing to compare.
        Assert.Null(row.QuerySelector("button[data-action='rollback']"));
        Assert.Null(recognition.QuerySelector(".compare-form"));
        Assert.Equal("/admin/workflows/recognition/edit?from=1", recognition.QuerySelector(".panel-heading a.btn")!.GetAttribute("href"));

        Assert.Contains("“领跑者”企业培育库入库", document.QuerySelector("#wf-pool-entry h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("form#import-form input[type=file][name=file]"));
        Assert.Contains("<script type=\"module\" src=\"/js/workflow-list.js?v=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithADraft_EditsTheDraftAndShowsItFirst()
    {
        var admin = await factory.ClientFor("admin");
        var definition = JsonNode.Parse(await admin.GetStringAsync("/api/workflows/pool-entry/versions/1"))!;
        definition["title"] = "培育库入库（草稿）";
        var created = await admin.PostAsJsonAsync("/api/workflows/pool-entry/drafts", definition);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draftId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("draftId").GetInt32();

        var document = new HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/workflows"));
        var section = document.QuerySelector("#wf-pool-entry")!;
        Assert.Equal($"/admin/workflows/pool-entry/edit?draft={draftId}", section.QuerySelector(".panel-heading a.btn")!.GetAttribute("href"));
        var first = section.QuerySelector("tbody tr")!;
        Assert.Equal($"draft-{draftId}", first.GetAttribute("data-version-row"));
        Assert.Contains($"草稿 #{draftId}", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("基于版本 1", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("草稿", first.QuerySelector(".badge")!.TextContent);
        Assert.Equal($"/admin/workflows/pool-entry/edit?draft={draftId}", first.QuerySelector("a")!.GetAttribute("href"));

        // Without a query the editor opens that newest draft.
        var data = EditorData(await admin.GetStringAsync("/admin/workflows/pool-entry/edit"));
        Assert.Equal(draftId, data.GetProperty("draftId").GetInt32());
        Assert.Equal("培育库入库（草稿）", data.GetProperty("definition").GetProperty("title").GetString());
        data = EditorData(await admin.GetStringAsync($"/admin/workflows/pool-entry/edit?draft={draftId}"));
        Assert.Equal(1, data.GetProperty("basedOnVersion").GetInt32());
    }

    [Fact]
    public async Task Edit_FromAVersion_CarriesTheDefinitionAndEveryListTheScriptNeeds()
    {
        var admin = await factory.ClientFor("admin");
        var response = await admin.GetAsync("/admin/workflows/recognition/edit?from=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("以版本 1 为基础新建草稿", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/lib/mermaid/mermaid.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/js/workflow-editor.js?v=", html, StringComparison.Ordinal);

        var data = EditorData(html);
        Assert.Equal("recognition", data.GetProperty("definitionId").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("draftId").ValueKind);
        Assert.Equal(1, data.GetProperty("basedOnVersion").GetInt32());
        Assert.Equal(1, data.GetProperty("currentVersion").GetInt32());
        var steps = data.GetProperty("definition").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(["submission", "countyReview", "cityReview", "provinceReview", "shortlisted", "publicity", "approved", "rejected"], steps);

        var options = data.GetProperty("options");
        Assert.Equal(Roles.Programme, Values(options.GetProperty("roles")));
        Assert.Equal(["企业", "县级工信部门", "市级工信部门", "省工信厅", "系统管理员"], Values(options.GetProperty("roles"), "label"));
        // Each scope with the roles that may use it, as the validator's rule says.
        var scopes = options.GetProperty("scopes").EnumerateArray().Select(s =>
            $"{s.GetProperty("value").GetString()} {s.GetProperty("label").GetString()} {string.Join(",", s.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))}");
        Assert.Equal(["applicant 申报企业本身 enterprise", "applicantCounty 企业所在县 county", "applicantUnit 企业所属报送单位 city", "province 全省 province,sysadmin"], scopes);
        Assert.Equal(["人工办理", "等待计时", "自动执行", "结束"], Values(options.GetProperty("stepKinds"), "label"));
        Assert.Equal(["humanTask", "timer", "automatic", "terminal"], Values(options.GetProperty("stepKinds")));
        Assert.Equal(["setting", "workingDays", "calendarDays", "variable"], Values(options.GetProperty("deadlineKinds")));
        Assert.Equal(["按年度设置日期", "工作日", "自然日", "按案件变量日期"], Values(options.GetProperty("deadlineKinds"), "label"));
        Assert.Equal(["提醒", "上报上一级", "执行流转"], Values(options.GetProperty("expiryActions"), "label"));
        Assert.Equal(["human", "timer", "auto"], Values(options.GetProperty("triggers")));
        Assert.Equal(["setVariable", "notify", "publishSiteItem", "startWorkflow", "evaluateEligibility", "renderDocument", "recordPoolDecision",
            "grantTitle", "recordTitleDecision", "fulfilObligation", "recordChangeFiling", "recordSupportClaim", "decideSupportClaim", "raiseRevocation"], Values(options.GetProperty("effectKinds")));
        Assert.Contains("certificate", options.GetProperty("templates").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["notices", "publicity", "lists"], Values(options.GetProperty("sections")));
        Assert.Contains("deadlines.city", Values(options.GetProperty("dateSettings")));
        Assert.Contains("publicityWorkingDays", Values(options.GetProperty("numberSettings")));
        // Every shipped definition (workflows/*.workflow.json, named by its id) is offered to startWorkflow.
        var shipped = Directory.EnumerateFiles(Path.Combine(LeadRunner.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "workflows"), "*.workflow.json")
            .Select(f => Path.GetFileName(f)[..^".workflow.json".Length]).Order(StringComparer.Ordinal);
        Assert.Equal(shipped, options.GetProperty("workflows").EnumerateArray().Select(w => w.GetString()));
        // The form list is the catalogue's (none shipped yet: the dropdown then offers only "（无）").
        var forms = factory.Services.GetRequiredService<IReferenceCatalog>().FormKeys.Order(StringComparer.Ordinal);
        Assert.Equal(forms, options.GetProperty("forms").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Edit_TitleWithMarkup_StaysInsideTheDataScript()
    {
        var admin = await factory.ClientFor("admin");
        var definition = JsonNode.Parse(await admin.GetStringAsync("/api/workflows/pool-entry/versions/1"))!;
        definition["title"] = "认定</script><script>alert(1)</script>";
        var created = await admin.PostAsJsonAsync("/api/workflows/pool-entry/drafts", definition);
        var draftId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("draftId").GetInt32();

        var html = await admin.GetStringAsync($"/admin/workflows/pool-entry/edit?draft={draftId}");
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Equal("认定</script><script>alert(1)</script>", EditorData(html).GetProperty("definition").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/admin/workflows/nothing/edit")]
    [InlineData("/admin/workflows/recognition/edit?from=99")]
    [InlineData("/admin/workflows/recognition/edit?draft=99999")]
    public async Task Edit_UnknownDefinitionVersionOrDraft_IsNotFound(string url)
    {
        var admin = await factory.ClientFor("admin");
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面或数据不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("province", "/admin/workflows")]
    [InlineData("province", "/admin/workflows/recognition/edit")]
    [InlineData("county.130534", "/admin/workflows")]
    [InlineData("county.130534", "/admin/workflows/recognition/edit?from=1")]
    public async Task Pages_ForNonAdmins_AreForbiddenWithTheFriendlyPage(string user, string url)
    {
        var client = await factory.ClientFor(user);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("无权访问", html, StringComparison.Ordinal);
        Assert.DoesNotContain("editor-data", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffHome_LinksTheDefinitionsForAdminOnly()
    {
        var admin = await factory.ClientFor("admin");
        Assert.Contains("<a class=\"btn btn-outline-secondary\" href=\"/admin/workflows\">流程定义</a>", await admin.GetStringAsync("/staff"), StringComparison.Ordinal);
        var province = await factory.ClientFor("province");
        Assert.DoesNotContain("/admin/workflows", await province.GetStringAsync("/staff"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsSentToTheLoginPage()
    {
        var response = await factory.AnonymousClient().GetAsync("/admin/workflows");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login?ReturnUrl=%2Fadmin%2Fworkflows", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.BrowserTests.Workflow;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Site;

/// <summary>
/// Stored XSS, end to end: the corpus goes in through the API (or, where the save check would refuse it, straight
/// into the database, as an older release could have stored it), and Chromium opens each page that shows it with a
/// trap for dialogs and a window.__xss marker. Nothing may run, and nothing may even reach the page as markup for
/// the CSP to block (a CSP refusal fails the test too).
/// </summary>
[RunsLong(110)]
public class XssCorpusTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Fits a 100-character enterprise name.</summary>
    private const string Short = "\"><svg onload=alert(1)><img src=x onerror=alert(2)></textarea><script>window.__xss=3</script>";

    private const string Long = Short + "<a href=\"javascript:alert(4)\">链接</a>'-alert(5)-'<iframe src=\"javascript:alert(6)\"></iframe><style>*{}</style>";

    [Fact]
    public async Task EnterpriseNameAndTaskComment_OnTheCaseAndEnterprisePages()
    {
        int enterpriseId;
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var enterprise = await db.Enterprises.IgnoreQueryFilters().SingleAsync(e => e.Uscc == WorkflowDriver.QingheUscc);
            enterprise.Name = "清河" + Short;
            await db.SaveChangesAsync();
            enterpriseId = enterprise.Id;
        }
        var drive = new WorkflowDriver(browser.Factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit", comment: "意见" + Long);

        var session = await EditorSession.SignInAsync(browser, "province");
        await AssertNothingRunsAsync(session.Page, $"/cases/{id}", "意见");
        await AssertNothingRunsAsync(session.Page, "/staff/enterprises", "清河");
        await AssertNothingRunsAsync(session.Page, $"/staff/enterprises/{enterpriseId}", "清河");
        await AssertNothingRunsAsync(session.Page, "/tasks", null);
    }

    [Fact]
    public async Task FormContentComponent_OnThePublicForm()
    {
        var admin = await browser.Factory.ClientFor("admin");
        var design = JsonNode.Parse(await admin.GetStringAsync("/api/forms/objection/design"))!.AsObject();
        design["components"]!.AsArray().Insert(0, new JsonObject { ["type"] = "content", ["key"] = "xssNote", ["input"] = false, ["html"] = "<p>说明</p>" + Long });
        design["components"]!.AsArray().Insert(1, new JsonObject
        {
            ["type"] = "htmlelement", ["key"] = "xssElement", ["input"] = false, ["tag"] = "script", ["content"] = "window.__xss=7",
            ["attrs"] = new JsonArray(new JsonObject { ["attr"] = "onclick", ["value"] = "alert(8)" }),
        });
        Assert.True((await admin.PutAsync("/api/forms/objection/design", new StringContent(design.ToJsonString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        var published = await admin.PostAsJsonAsync("/api/forms/objection/publish", new { note = "XSS 语料" });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        // The 2024 round runs the version it pins: it moves to the one just published.
        int newest;
        using (var scope = browser.Factory.Services.CreateScope())
        {
            newest = (await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().ArtifactVersions
                .Where(v => v.Kind == "form" && v.Key == "objection" && v.Version != null).MaxAsync(v => v.Version))!.Value;
        }
        var repinned = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { forms = new Dictionary<string, int> { ["objection"] = newest }, migrate = false });
        Assert.True(repinned.IsSuccessStatusCode, await repinned.Content.ReadAsStringAsync());

        var page = await browser.NewPageAsync();
        await AssertNothingRunsAsync(page, "/forms/objection", "说明");
    }

    [Fact]
    public async Task TemplateText_InTheBlankAnnexAndTheTemplateEditor()
    {
        var admin = await browser.Factory.ClientFor("admin");
        const string text = "<h1>证明</h1>\n<p>说明<img src=x onerror=alert(1)></p><script>alert(2)</script><a href=\"javascript:alert(3)\">链接</a>";
        // The save check refuses it ...
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/templates/annex-08", new { text })).StatusCode);
        // ... so it goes in as an older release could have stored it: the live text and its version.
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var template = await db.DocumentTemplates.SingleAsync(t => t.Key == "annex-08");
            template.Text = text;
            foreach (var version in await db.ArtifactVersions.Where(v => v.Kind == TemplateKind.Kind && v.Key == "annex-08").ToListAsync())
            {
                version.Content = text;
            }
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<DocumentRenderer>().Library.Invalidate();
        }

        var anonymous = await browser.NewPageAsync();
        await AssertNothingRunsAsync(anonymous, "/api/documents/annex/8/blank.html", "说明");
        var session = await EditorSession.SignInAsync(browser, "admin");
        await AssertNothingRunsAsync(session.Page, "/admin/templates/annex-08/edit", null);
    }

    [Fact]
    public async Task ProgrammeTitleAndRuleTitle_OnTheAdminAndPublicPages()
    {
        var admin = await browser.Factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["title"] = "年度" + Short;
        var saved = await admin.PutAsync("/api/programmes/2024", new StringContent(settings.ToJsonString(), Encoding.UTF8, "application/json"));
        var rule = await admin.PutAsJsonAsync("/api/eligibility/rules/partners", new { title = "合作企业" + Short, note = "XSS 语料" });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        Assert.True(rule.IsSuccessStatusCode, await rule.Content.ReadAsStringAsync());

        var session = await EditorSession.SignInAsync(browser, "admin");
        var shown = new List<string>();
        foreach (var path in new[] { "/admin/programmes", "/admin/eligibility", "/admin/rounds", "/eligibility", "/" })
        {
            await AssertNothingRunsAsync(session.Page, path, null);
            shown.Add(await session.Page.ContentAsync());
        }
        // Shown, as text, somewhere: the corpus did reach the pages.
        Assert.Contains(shown, html => html.Contains("&lt;svg onload=alert(1)&gt;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContentMarkdown_OnThePublicNoticePage()
    {
        const string body = "说明正文\n\n" + Long + "\n\n"
            + "[链接一](javascript:alert(11)) [链接二](JaVaScRiPt:alert(12)) [链接三](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=)\n\n"
            + "![图](javascript:alert(14)) <javascript:alert(15)>\n\n"
            + "<div style=\"background:url(javascript:alert(16))\" onclick=\"alert(17)\">样式</div>\n\n"
            + "<details open ontoggle=\"alert(18)\"><summary>展开</summary></details><svg><script>window.__xss=19</script></svg>"
            + "<form action=\"javascript:alert(20)\"><button>提交</button></form><object data=\"javascript:alert(21)\"></object>\n\n"
            + "| 列 | 值 |\n|---|---|\n| <img src=x onerror=alert(22)> | <a href=\"vbscript:msgbox(23)\">x</a> |";
        var editor = await browser.Factory.ClientFor("province");
        var created = await editor.PostAsJsonAsync("/api/content", new { type = "notice", title = "XSS 语料通知", slug = "xss-corpus", body });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.True((await editor.PostAsJsonAsync($"/api/content/{id}/publish", new { })).IsSuccessStatusCode);

        var page = await browser.NewPageAsync();
        await AssertNothingRunsAsync(page, "/notices/xss-corpus", "说明正文");
        // Nothing dangerous even as markup: no script, handler, frame, style or script-like link in the article.
        var dangerous = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('article *')].flatMap(e =>
            [e.tagName.match(/^(SCRIPT|IFRAME|OBJECT|EMBED|STYLE|FORM)$/) ? e.tagName : null,
             ...[...e.attributes].filter(a => a.name.startsWith('on') || a.name === 'style'
                || (['href','src','action','data'].includes(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value))).map(a => e.tagName + '@' + a.name)]
            ).filter(x => x)");
        Assert.Empty(dangerous);
        Assert.Equal(1, await page.Locator("article table").CountAsync());
    }

    /// <summary>Fits a 40-character transition label, a 60-character cluster name and a file name (no folder separator).</summary>
    private const string Tiny = "<img src=x onerror=alert(31)><svg onload=alert(32)>";

    [Fact]
    public async Task WorkflowStepTitleAndLabel_InTheEditorsDiagram_AndClusterName()
    {
        var admin = await browser.Factory.ClientFor("admin");
        var definition = JsonNode.Parse(await admin.GetStringAsync("/api/workflows/recognition/versions/1"))!;
        definition["steps"]!.AsArray().First(s => s!["id"]!.GetValue<string>() == "countyReview")!["title"] = "县级审核" + Short;
        definition["transitions"]!.AsArray().First(t => t!["from"]!.GetValue<string>() == "countyReview")!["label"] = "通过<img src=x onerror=alert(41)>";
        var draft = await admin.PostAsync("/api/workflows/recognition/drafts", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        var draftId = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["draftId"]!.GetValue<int>();
        // Names accept these characters (only invisible and control characters are refused); written directly to save a page visit.
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            db.Clusters.Add(new LeadRunner.Enterprises.Cluster { Name = "集群" + Tiny, CountyCode = "130534", IndustryCategory = "纺织" });
            await db.SaveChangesAsync();
        }

        var session = await EditorSession.SignInAsync(browser, "admin");
        await AssertNothingRunsAsync(session.Page, $"/admin/workflows/recognition/edit?draft={draftId}", null);
        // The diagram was drawn from the draft, the corpus in it as text.
        await Assertions.Expect(session.Page.Locator("#diagram svg")).ToContainTextAsync("县级审核");
        Assert.Equal(0, await session.Page.Locator("#diagram svg img, #diagram svg svg[onload], #diagram [onerror]").CountAsync());
        await AssertNothingRunsAsync(session.Page, "/admin/clusters", null);
        await Assertions.Expect(session.Page.Locator("td", new() { HasText = "集群" + Tiny })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AccountDisplayName_OnTheAccountsPage()
    {
        var secadmin = await browser.Factory.ClientFor("secadmin");
        var created = await secadmin.PostAsJsonAsync("/api/accounts", new { userName = "xss.county", displayName = "科员" + Short, role = "county", countyCode = "130535" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var page = await SignInAsync("secadmin");
        await AssertNothingRunsAsync(page, "/admin/accounts?q=xss.county", "科员");
    }

    [Fact]
    public async Task ObjectionFacts_NotificationTitle_AndUploadedFileName_OnTheProvincesPages()
    {
        var drive = new WorkflowDriver(browser.Factory);
        var id = await drive.StartRecognitionAsync(WorkflowDriver.XiongUscc);
        var enterprise = await browser.Factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        var evidence = await CaseFormData.FilesAsync(enterprise, "证据" + Tiny + ".pdf");
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.XiongUscc}", id, "submit", data: new { evidenceFiles = evidence });
        // Objections arrive only while a 公示 runs, and notifications are written by the workflow: both as stored rows.
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var now = DateTimeOffset.UtcNow;
            // The upload store and the form keep a cleaned name (< and > replaced), and the case page shows the store's;
            // it is tried with the name as the browser reported it, as an older release could have stored it.
            const string Cleaned = "证据_img src=x onerror=alert(31)__svg onload=alert(32)_.pdf";
            var instance = await db.WorkflowInstances.IgnoreQueryFilters().SingleAsync(i => i.Id == id);
            Assert.Equal(Cleaned, JsonNode.Parse(instance.VariablesJson)!["application"]!["evidenceFiles"]![0]!["originalName"]!.GetValue<string>());
            Assert.Equal(1, await db.StoredFiles.Where(f => f.FileName == Cleaned).ExecuteUpdateAsync(u => u.SetProperty(f => f.FileName, "证据" + Tiny + ".pdf")));
            db.Objections.Add(new LeadRunner.Publicity.Objection
            {
                Receipt = "YY20240903X001", PublicityId = await db.SiteItems.Select(i => i.Id).FirstAsync(), CaseId = id,
                EnterpriseName = "雄县新宇塑料包装有限公司", ObjectorType = "个人", Name = "异议人", Phone = "13800000000",
                Facts = "异议事实" + Long, SubmittedAt = now,
            });
            db.Notifications.Add(new LeadRunner.Workflow.Runtime.Notification { Role = "province", Title = "通知" + Short, Message = "说明" + Long, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        var session = await EditorSession.SignInAsync(browser, "province");
        await AssertNothingRunsAsync(session.Page, "/objections/YY20240903X001", "异议事实");
        await AssertNothingRunsAsync(session.Page, "/notifications", "通知");
        await AssertNothingRunsAsync(session.Page, $"/cases/{id}", null);
        Assert.Contains("证据&lt;img", await session.Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentTitle_OnThePublicList()
    {
        var editor = await browser.Factory.ClientFor("province");
        var created = await editor.PostAsJsonAsync("/api/content", new { type = "notice", title = "通知标题" + Short, slug = "xss-title", body = "正文" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.True((await editor.PostAsJsonAsync($"/api/content/{id}/publish", new { })).IsSuccessStatusCode);

        await AssertNothingRunsAsync(await browser.NewPageAsync(), "/notices", "通知标题");
    }

    [Fact]
    public async Task AuditEntries_OnTheAuditPage()
    {
        // An anonymous visitor types the corpus as a user name: the failed sign-in is audited under that name.
        var failed = await browser.Factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = Short, password = "Wrong@12345" });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, failed.StatusCode);

        var page = await SignInAsync("auditor");
        await AssertNothingRunsAsync(page, "/audit?kind=login", "登录失败");
        Assert.Contains("&lt;svg onload=alert(1)&gt;", await page.ContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>Signs in through the login page and waits until it has moved on to the role's landing page.</summary>
    private async Task<IPage> SignInAsync(string user)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(LeadRunnerFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Opens <paramref name="path"/>: no dialog, no marker, no refused script, and the text shown as text.</summary>
    private async Task AssertNothingRunsAsync(IPage page, string path, string? visibleText)
    {
        var dialogs = new List<string>();
        var refused = new List<string>();
        void OnDialog(object? sender, IDialog dialog)
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        }
        void OnConsole(object? sender, IConsoleMessage message)
        {
            // Script refusals only: the corpus's harmless <img src=x> is refused by a document's img-src, as it should be.
            if ((message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Refused to", StringComparison.Ordinal))
                && message.Text.Contains("script", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        }
        page.Dialog += OnDialog;
        page.Console += OnConsole;
        try
        {
            var response = await page.GotoAsync(browser.BaseUrl + path);
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            // The page's own scripts have run by the load event; idle networks never come while a page polls.
            await page.WaitForLoadStateAsync(LoadState.Load);
            if (visibleText is not null)
            {
                await Assertions.Expect(page.GetByText(visibleText).First).ToBeVisibleAsync();
            }
            Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), $"{path}: window.__xss was set");
            Assert.True(dialogs.Count == 0, $"{path}: dialog {string.Join(", ", dialogs)}");
            Assert.True(refused.Count == 0, $"{path}: {string.Join("\n", refused)}");
        }
        finally
        {
            page.Dialog -= OnDialog;
            page.Console -= OnConsole;
        }
    }
}

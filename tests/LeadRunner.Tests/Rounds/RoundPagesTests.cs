using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Rounds;

/// <summary>/admin/rounds and the line on every editor that says which rounds use which version.</summary>
public class RoundPagesTests
{
    /// <summary>2025 copied from the open 2024, and a second version of the objection form published after 2024 opened.</summary>
    private static async Task<HttpClient> ArrangeAsync(LeadRunnerFactory factory)
    {
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/rounds/2024/copy-to/2025", null)).StatusCode);
        var design = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync("/api/forms/objection/design"))!;
        design["title"] = $"{design["title"]}（修订）";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/forms/objection/design", design)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/forms/objection/publish", new { note = "再次发布" })).StatusCode);
        return admin;
    }

    [Fact]
    public async Task RoundsPage_ShowsEachRoundInChinese_WithItsPins_NewerVersions_AndTheNotice()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await ArrangeAsync(factory);
        var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync("/admin/rounds"));

        var rows = page.QuerySelectorAll("#rounds-table tbody tr");
        Assert.Equal(["2025", "2024"], rows.Select(r => r.GetAttribute("data-round-row")));
        Assert.Contains("筹备中", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("已开放", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("2024-08-28", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("/notices/2024-notice", rows[1].QuerySelector("a[href^='/notices/']")!.GetAttribute("href"));
        Assert.Contains("开放后发布", rows[0].TextContent, StringComparison.Ordinal);

        // 2024 is frozen on the first objection form: the newer one is marked and offered for a re-pin.
        var frozen = page.QuerySelector("#round-2024 tr[data-pin='form:objection']")!;
        Assert.Contains("第 1 版", frozen.Children[3].TextContent, StringComparison.Ordinal);
        Assert.Contains("有新版本", frozen.TextContent, StringComparison.Ordinal);
        Assert.Contains("第 2 版", frozen.QuerySelector("button[data-repin='form']")!.GetAttribute("data-candidates")!, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#round-2024 tr[data-pin='form:application'] button"));
        Assert.Contains("认定条件规则集", page.QuerySelector("#round-2024 tr[data-pin='rules:']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#round-2024 [data-close-round='2024']"));

        // 2025 follows the newest: the second version, nothing to re-pin, and it can be opened.
        var draft = page.QuerySelector("#round-2025 tr[data-pin='form:objection']")!;
        Assert.Contains("第 2 版（跟随最新）", draft.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("有新版本", draft.TextContent, StringComparison.Ordinal);
        Assert.Null(draft.QuerySelector("button"));
        Assert.Equal("2025-08-28", page.QuerySelector("#round-2025 .open-form input[name=noticeDate]")!.GetAttribute("value"));
        Assert.Equal("/api/rounds/2025/export", page.QuerySelector("#round-2025 a[download]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#import-form input[type=file][name=file]"));
    }

    [Fact]
    public async Task RoundsPage_IsReachedFromTheWorkbench_AndIsForAdministratorsOnly()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        Assert.Contains("href=\"/admin/rounds\"", await admin.GetStringAsync("/staff"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).GetAsync("/admin/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.AnonymousClient().GetAsync("/admin/rounds")).StatusCode);
    }

    [Fact]
    public async Task Editors_SayWhichRoundsUseWhichVersion()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await ArrangeAsync(factory);
        async Task<string> UsageAsync(string url, string target)
        {
            var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync(url));
            return page.QuerySelector($"[data-round-usage='{target}']")!.TextContent;
        }

        Assert.Contains("2024 年度（已开放）使用第 1 版；2025 年度（筹备中）跟随最新版本（第 2 版）", await UsageAsync("/admin/forms", "form:objection"), StringComparison.Ordinal);
        Assert.Contains("2024 年度（已开放）使用第 1 版；2025 年度（筹备中）跟随最新版本（第 2 版）", await UsageAsync("/admin/forms/objection/edit", "form:objection"), StringComparison.Ordinal);
        Assert.Contains("2024 年度（已开放）使用第 1 版；2025 年度（筹备中）跟随最新版本（第 1 版）", await UsageAsync("/admin/forms", "form:application"), StringComparison.Ordinal);
        Assert.Contains("2024 年度（已开放）使用第 1 版；2025 年度（筹备中）跟随最新版本（第 1 版）", await UsageAsync("/admin/workflows", "workflow:recognition"), StringComparison.Ordinal);
        Assert.Contains("2025 年度（筹备中）跟随最新版本", await UsageAsync("/admin/workflows/recognition/edit?from=1", "workflow:recognition"), StringComparison.Ordinal);
        Assert.Contains("2024 年度（已开放）使用第 1 版", await UsageAsync("/admin/templates", "template:annex-01"), StringComparison.Ordinal);
        Assert.Contains("2024 年度（已开放）使用第 1 版", await UsageAsync("/admin/templates/annex-01/edit", "template:annex-01"), StringComparison.Ordinal);
        Assert.Contains("2024 年度（已开放）使用第 15 版；2025 年度（筹备中）跟随最新版本（第 15 版）", await UsageAsync("/admin/eligibility", "rules:"), StringComparison.Ordinal);
    }
}

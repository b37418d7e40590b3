using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Programmes;

/// <summary>
/// The year's lists edited in Chromium through the settings page only: a 7th special-condition category and a new
/// traditional industry, then the rules page and the public self-check of that year, and the forms that read the lists.
/// </summary>
[RunsLong(50)]
public class RoundListsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<(IPage Page, List<string> Errors)> SignInAsync(string user, string landing)
    {
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(landing);
        return (page, errors);
    }

    [Fact]
    public async Task Admin_AddsASeventhCategoryAndAnIndustry_InTheSettingsPage_TheRulesPageAndSelfCheckOfThatYearFollow()
    {
        var (page, errors) = await SignInAsync("admin", "**/staff");

        // Open 2025 from 2024 on the page, then change only 2025's lists.
        await page.GotoAsync($"{browser.BaseUrl}/admin/programmes?year=2024");
        await page.GetByLabel("新年度").FillAsync("2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "复制" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/programmes?year=2025");

        await page.GetByRole(AriaRole.Button, new() { Name = "添加专项条件类别" }).ClickAsync();
        var category = page.Locator("#categories .list-row").Last;
        await category.GetByLabel("类别标识").FillAsync("开放合作");
        await category.GetByLabel("名称").FillAsync("开放合作发展");
        await category.GetByLabel("认定事项（每行一项）").FillAsync("国家级外贸转型升级基地\n省级跨境电商产业园区");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加行业" }).ClickAsync();
        await page.GetByLabel("新增行业名称").FillAsync("石材");
        await page.GetByLabel("新增行业为传统行业").CheckAsync();
        await page.GetByLabel("修改说明").FillAsync("新增开放合作类专项条件和石材行业");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("已生成：开放合作发展：至少具备一项本年度所列事项，并附证明材料");
        Assert.Equal(7, await page.Locator("#categories .list-row").CountAsync());
        await Assertions.Expect(page.GetByLabel("石材 为传统行业")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "programme-lists.png"), FullPage = true });

        // The generated rule is on the rules page, with the other special conditions, ready to refine.
        await page.GotoAsync($"{browser.BaseUrl}/admin/eligibility");
        var rule = page.GetByRole(AriaRole.Link, new() { Name = "【开放合作】开放合作发展：至少具备一项本年度所列事项，并附证明材料" });
        await rule.ClickAsync();
        await Assertions.Expect(page.GetByLabel("条件表达式（Scriban，最后一行的结果应为 true 或 false）")).ToContainTextAsync("claim.evidence.size > 0");
        await Assertions.Expect(page.GetByText("第 1 版").First).ToBeVisibleAsync();

        // The self-check of 2025 offers the new category and industry, and the generated rule judges the claim.
        await page.GotoAsync($"{browser.BaseUrl}/eligibility?year=2025");
        await Assertions.Expect(page.GetByText("开放合作发展", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("所属行业").SelectOptionAsync("石材");
        await page.GetByLabel("上年度营业收入（万元）").FillAsync("10000");
        await page.GetByLabel("上年度研发投入（万元）").FillAsync("320");
        await page.GetByLabel("已纳入市级“领跑者”企业培育库").CheckAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.GetByLabel($"合作企业 {i + 1} 名称").FillAsync($"集群内合作企业{i + 1}");
            await page.GetByLabel($"合作企业 {i + 1} 在所属集群内").CheckAsync();
        }
        var offered = page.Locator("[data-category='开放合作']");
        await offered.GetByLabel("省级跨境电商产业园区").CheckAsync();
        await offered.GetByLabel("已具备上述事项的证明材料（认定文件、证书等）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "逐项对照" }).ClickAsync();
        await Assertions.Expect(page.Locator("#check-result")).ToContainTextAsync("符合申报条件。");
        await Assertions.Expect(page.Locator("#check-result")).ToContainTextAsync("申报“开放合作发展”：省级跨境电商产业园区，已附证明材料，符合");
        await Assertions.Expect(page.Locator("#check-result")).ToContainTextAsync("石材属传统行业，门槛 3.00%");

        // 2024 is untouched.
        await page.GotoAsync($"{browser.BaseUrl}/eligibility?year=2024");
        await Assertions.Expect(page.GetByText("科技创新发展", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("开放合作发展").CountAsync());
        Assert.Equal(0, await page.Locator("#industry option[value='石材']").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RemovingAnIndustryInUse_InTheSettingsPage_IsRefusedInChinese()
    {
        var (page, errors) = await SignInAsync("admin", "**/staff");
        await page.GotoAsync($"{browser.BaseUrl}/admin/programmes?year=2024");
        var textile = page.Locator("#industries tbody tr").Filter(new() { Has = page.Locator("input[value='纺织']") });
        await textile.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-danger")).ToContainTextAsync("行业“纺织”仍被");
        await Assertions.Expect(page.Locator(".alert-danger")).ToContainTextAsync("请勾选“停用”");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ApplicationForm_TakesItsSelectOptionsFromTheRoundsLists()
    {
        var (page, errors) = await SignInAsync("ent.91130534MA0CQH1106", "**/portal");
        var lists = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/rounds/", StringComparison.Ordinal)) { lock (lists) { lists.Add(request.Url); } } };
        await page.GotoAsync($"{browser.BaseUrl}/forms/application?subject=lists");
        var industry = page.Locator(".formio-component-industry select");
        await Assertions.Expect(industry.Locator("option[value='纺织']")).ToBeAttachedAsync();
        // The page asked the current round's year for the list (never "current"), and shows every entry it offers.
        string url;
        lock (lists)
        {
            url = Assert.Single(lists, u => u.Contains("/lists/industries", StringComparison.Ordinal));
        }
        Assert.Matches(@"/api/rounds/\d{4}/lists/industries\?format=options$", url);
        var offered = await page.EvaluateAsync<int>("async url => (await (await fetch(url)).json()).length", url);
        Assert.Equal(offered, await industry.Locator("option[value]:not([value=''])").CountAsync());
        await industry.SelectOptionAsync("纺织");
        // Form.io draws the select before createForm resolves; the renderer is published only once it has.
        await page.WaitForFunctionAsync("() => window.formRenderer !== undefined");
        Assert.Equal("纺织", await page.EvaluateAsync<string>("() => window.formRenderer.submission.data.industry"));

        await page.GetByRole(AriaRole.Button, new() { Name = "添加合作企业" }).ClickAsync();
        var relation = page.Locator(".formio-component-relation select").First;
        await Assertions.Expect(relation.Locator("option[value='配套协作']")).ToBeAttachedAsync();
        Assert.Empty(errors);
    }
}

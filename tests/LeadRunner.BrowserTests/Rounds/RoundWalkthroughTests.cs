using System.Text;
using System.Text.RegularExpressions;
using LeadRunner.Tests.TestHost;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Rounds;

/// <summary>
/// The app on its own database with the round's clock at Monday 2024-09-02 (inside the 2024 round's deadlines), moved
/// on by the test to open and close the 公示 window; no other test uses this host.
/// </summary>
public sealed class WalkthroughFixture : IAsyncLifetime, IDisposable
{
    private readonly WorkflowFactory _factory = new();

    public WalkthroughFixture() => Browser = new BrowserFixture(_factory);

    public BrowserFixture Browser { get; }
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => _factory.FakeClock;

    public Task InitializeAsync() => Browser.InitializeAsync();
    public Task DisposeAsync() => Browser.DisposeAsync();
    public void Dispose() => Browser.Dispose();
}

/// <summary>
/// One enterprise through the whole 2024 round in Chromium, every actor clicking through the pages: pool entry, the
/// application with uploads, county, city ranking and package, province review, the 公示 with a visitor's objection,
/// the decision, the final list, the certificate and its public verification. Screenshots go to walkthrough-NN-*.png.
/// </summary>
[RunsLong(130)]
public partial class RoundWalkthroughTests(WalkthroughFixture round) : IClassFixture<WalkthroughFixture>
{
    // 沙河 stays outside the demo cultivation pool; this host is the walkthrough's alone.
    private const string Enterprise = "沙河市华晶玻璃有限公司";
    private const string EnterpriseUser = "ent.91130582MA0HP3W19U";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private BrowserFixture Browser => round.Browser;
    private readonly List<string> _errors = [];

    [GeneratedRegex(@"YY\d{12}")]
    private static partial Regex Receipt();

    [GeneratedRegex(@"核验码\s*([0-9A-Z]{10})")]
    private static partial Regex VerificationCode();

    private static byte[] Pdf(string title) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {title.Length}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private static FilePayload PdfFile(string name) => new() { Name = name, MimeType = "application/pdf", Buffer = Pdf(name) };

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"walkthrough-{name}.png"), FullPage = true });

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(1400, 1000);
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) => { lock (_errors) { _errors.Add($"{page.Url}: {error}"); } };
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(Browser.BaseUrl + path);
        return page;
    }

    private async Task<IPage> SignInAsync(string user, string landing)
    {
        var page = await OpenAsync("/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Demo@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(landing);
        return page;
    }

    // A staff member opens the case from their to-do list (reached from the workbench).
    private static async Task OpenFromInboxAsync(IPage page, string step)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "进入待办" }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = step });
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        await Assertions.Expect(page.Locator("h1 + p strong")).ToHaveTextAsync(step);
    }

    private static async Task UploadAsync(IPage page, string componentKey, string fileName)
    {
        var component = page.Locator($".formio-component-{componentKey}").First;
        // Form.io opens the file chooser from its "browse" link, as the officer clicks it.
        var chooser = await page.RunAndWaitForFileChooserAsync(() => component.Locator("[ref=fileBrowse]").First.ClickAsync());
        await chooser.SetFilesAsync(PdfFile(fileName));
        // Stored once Form.io links it: while uploading, the component already shows the name beside a progress bar.
        await Assertions.Expect(component.Locator("[ref=fileLink]").Filter(new() { HasText = fileName })).ToHaveCountAsync(1);
    }

    private static async Task SubmitFormAsync(IPage page, string nextStep)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*?done=1");
        await Assertions.Expect(page.Locator("#case-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1 + p strong")).ToHaveTextAsync(nextStep);
    }

    // Form fields by their component key: labels such as 营业收入 repeat in the application's grids.
    private static async Task FillAsync(IPage page, params (string Key, string Value)[] fields)
    {
        foreach (var (key, value) in fields)
        {
            await page.Locator($"[name='data[{key}]']").FillAsync(value);
        }
    }

    private static async Task ActAsync(IPage page, string action, string nextStep)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#case-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1 + p strong")).ToHaveTextAsync(nextStep);
    }

    [Fact]
    public async Task OneEnterprise_ThroughTheWholeRound_AsEveryActorSeesIt()
    {
        round.Clock.SetUtcNow(WorkflowFactory.Start);

        // 1. The enterprise applies to the cultivation pool from its portal.
        var enterprise = await SignInAsync(EnterpriseUser, "**/portal");
        await Assertions.Expect(enterprise.Locator("#pool-standing")).ToContainTextAsync("尚未纳入培育库");
        await ShotAsync(enterprise, "01-enterprise-portal");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "申请纳入培育库" }).ClickAsync();
        await enterprise.WaitForURLAsync("**/cases/*");
        await enterprise.GetByRole(AriaRole.Link, new() { Name = "填写表单并提交申请" }).ClickAsync();
        await Assertions.Expect(enterprise.Locator("[name='data[enterpriseName]']")).ToHaveValueAsync(Enterprise);
        await FillAsync(enterprise, ("legalRepresentative", "赵强"), ("address", "河北省沙河市经济开发区玻璃大道 18 号"), ("contactName", "孙丽"),
            ("contactPhone", "13931923456"), ("contactEmail", "sunli@example.cn"), ("mainProducts", "超白浮法玻璃、汽车玻璃"),
            ("revenue", "41200"), ("profit", "2600"), ("tax", "1180"), ("rdExpense", "1420"), ("marketShare", "11.5"),
            ("legalStatusStatement", "企业于沙河市注册，具有独立法人资格，主营浮法玻璃，已纳入沙河市玻璃产业集群统计。"),
            ("financeQualityStatement", "近三年营业收入年均增长 9%，产品抽检合格率 100%。"),
            ("innovationStatement", "拥有省级企业技术中心，发明专利 6 项。"),
            ("socialResponsibilityStatement", "吸纳当地就业 860 人，按时足额缴纳社会保险。"));
        await enterprise.GetByRole(AriaRole.Checkbox, new() { Name = "近三年未发生较大及以上安全、质量和环境污染等事故，无偷税漏税、违法违规、严重失信和其他重大问题行为" }).CheckAsync();
        await UploadAsync(enterprise, "evidenceFiles", "营业执照.pdf");
        await ShotAsync(enterprise, "02-pool-entry-form");
        await SubmitFormAsync(enterprise, "县级工信部门推荐");

        // 2. County recommends, the city admits it to the pool.
        var county = await SignInAsync("county.130582", "**/staff");
        await OpenFromInboxAsync(county, "县级工信部门推荐");
        await ActAsync(county, "推荐入库", "市级工信部门审定入库");
        var city = await SignInAsync("city.130500", "**/staff");
        await OpenFromInboxAsync(city, "市级工信部门审定入库");
        await ActAsync(city, "审定入库", "已纳入培育库");

        // 3. The enterprise applies for recognition: the application with its uploads.
        await enterprise.GetByRole(AriaRole.Link, new() { Name = "企业服务区" }).First.ClickAsync();
        await enterprise.WaitForURLAsync("**/portal");
        await Assertions.Expect(enterprise.Locator("#pool-standing")).ToContainTextAsync("已入库");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "在线申报 2024 年度“领跑者”企业认定" }).ClickAsync();
        await enterprise.WaitForURLAsync("**/cases/*");
        await enterprise.GetByRole(AriaRole.Link, new() { Name = "填写表单并提交申报" }).ClickAsync();
        await Assertions.Expect(enterprise.Locator("[name='data[enterpriseName]']")).ToHaveValueAsync(Enterprise);
        await FillAsync(enterprise, ("legalRepresentative", "赵强"), ("address", "河北省沙河市经济开发区玻璃大道 18 号"), ("contactName", "孙丽"),
            ("contactPhone", "13931923456"), ("contactEmail", "sunli@example.cn"),
            ("clusterRank", "2"), ("clusterSize", "96"), ("revenue", "41200"), ("profit", "2600"), ("tax", "1180"),
            ("rdExpense", "1420"), ("marketShare", "11.5"),
            ("basicConditionsStatement", "本企业已纳入培育库，集群内营业收入排名第 2 位，研发投入占比 3.45%。"),
            ("leadingRole", "向集群企业开放检测中心和深加工生产线。"), ("plans", "建设光伏玻璃数字化生产线。"));
        // Three partners in the cluster, as the basic conditions ask.
        var partners = new[] { ("沙河市协作玻璃制品有限公司", "91130181MA0DJ7R11T", "上游"), ("沙河市晶华镀膜有限公司", "91130682MA0E2K4192", "下游"), ("沙河市安泰深加工有限公司", "91131125MA0G6T214Y", "下游") };
        for (var row = 0; row < partners.Length; row++)
        {
            if (row > 0)
            {
                await enterprise.GetByRole(AriaRole.Button, new() { Name = "添加合作企业" }).ClickAsync();
            }
            var (name, uscc, relation) = partners[row];
            await FillAsync(enterprise, ($"partners][{row}][name", name), ($"partners][{row}][uscc", uscc), ($"partners][{row}][content", "玻璃原片与深加工协作"), ($"partners][{row}][amount", "500"));
            await enterprise.Locator($"[name='data[partners][{row}][inCluster]']").CheckAsync();
            await enterprise.Locator($"select[name='data[partners][{row}][relation]']").SelectOptionAsync(new SelectOptionValue { Label = relation });
        }
        // The calendar widget takes the date as typed.
        var date = enterprise.Locator(".formio-component-applicationDate input:not([type=hidden])").Last;
        await date.FillAsync("2024-09-02");
        await date.PressAsync("Enter");
        var history = new[] { ("2022", "35000", "2100", "950", "1100"), ("2023", "38000", "2400", "1050", "1250") };
        for (var row = 0; row < history.Length; row++)
        {
            var (year, revenue, profit, tax, rd) = history[row];
            foreach (var (field, value) in new[] { ("year", year), ("revenue", revenue), ("profit", profit), ("tax", tax), ("rdExpense", rd) })
            {
                await enterprise.Locator($"input[name='data[financialHistory][{row}][{field}]']").FillAsync(value);
            }
        }
        await enterprise.Locator("select[name='data[specialConditions][0][category]']").SelectOptionAsync(new SelectOptionValue { Label = "科技创新发展" });
        await enterprise.Locator("input[name^='data[specialConditions][0][items]']").First.FillAsync("省级及以上企业技术中心");
        await UploadAsync(enterprise, "evidence", "技术中心认定文件.pdf");
        await UploadAsync(enterprise, "evidenceFiles", "营业执照.pdf");
        await UploadAsync(enterprise, "sealedDocuments", "申请报告盖章版.pdf");
        await enterprise.GetByRole(AriaRole.Checkbox, new() { Name = "本企业已阅读并同意以上声明" }).CheckAsync();
        await ShotAsync(enterprise, "03-application-form");
        await SubmitFormAsync(enterprise, "县级工信部门审核");

        // 4. County approves with its review form and sealed certificate.
        county = await SignInAsync("county.130582", "**/staff");
        await OpenFromInboxAsync(county, "县级工信部门审核");
        await Assertions.Expect(county.Locator("#eligibility-flag")).ToHaveCountAsync(0);
        await ShotAsync(county, "04-county-case");
        await county.GetByRole(AriaRole.Link, new() { Name = "填写表单并审核通过" }).ClickAsync();
        foreach (var box in new[] { "该企业已纳入全省特色产业集群统计范围", "已对企业申报材料的真实性、完整性进行审核" })
        {
            await county.GetByRole(AriaRole.Checkbox, new() { Name = box }).CheckAsync();
        }
        await county.GetByRole(AriaRole.Checkbox, new() { Name = "该企业近三年未发生较大及以上安全、质量和环境污染等事故，无偷税漏税、违法违规、严重失信等行为" }).CheckAsync();
        await FillAsync(county, ("opinion", "经审核，该企业申报材料真实、完整，同意推荐。"));
        await UploadAsync(county, "sealedCertificate", "县级证明盖章版.pdf");
        await SubmitFormAsync(county, "市级工信部门审核推荐");

        // 5. The city ranks its batch, submits it and builds the package.
        city = await SignInAsync("city.130500", "**/staff");
        await city.GetByRole(AriaRole.Link, new() { Name = "推荐排序" }).ClickAsync();
        await Assertions.Expect(city.Locator("#ranking-table")).ToContainTextAsync(Enterprise);
        await ShotAsync(city, "05-city-ranking");
        await city.GetByRole(AriaRole.Button, new() { Name = "提交推荐批次" }).ClickAsync();
        await Assertions.Expect(city.Locator("#ranking-message")).ToContainTextAsync("已按推荐排序报送 1 家企业。");
        await city.GetByRole(AriaRole.Link, new() { Name = "工作台" }).First.ClickAsync();
        await city.GetByRole(AriaRole.Link, new() { Name = "报送材料包" }).ClickAsync();
        await Assertions.Expect(city.Locator("#package")).ToBeVisibleAsync();
        await Assertions.Expect(city.GetByText(Enterprise).First).ToBeVisibleAsync();
        await city.Locator("#package-start").ClickAsync();
        await Assertions.Expect(city.Locator("#package-download")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await ShotAsync(city, "06-city-package");

        // 6. The province approves, then publishes the 公示 for the case.
        var province = await SignInAsync("province", "**/staff");
        await OpenFromInboxAsync(province, "省工业和信息化厅审定初选名单");
        await ActAsync(province, "审定通过，列入拟认定名单", "待发布公示");
        await province.GetByRole(AriaRole.Link, new() { Name = "工作台" }).First.ClickAsync();
        await province.GetByRole(AriaRole.Link, new() { Name = "2024 年度公示与认定名单" }).ClickAsync();
        await Assertions.Expect(province.Locator("#awaiting")).ToContainTextAsync(Enterprise);
        await province.Locator("#awaiting").GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
        await Assertions.Expect(province.Locator("#acts-alert")).ToContainTextAsync("已发布公示（2024-09-03 至 2024-09-09），1 家企业进入公示。");
        await ShotAsync(province, "07-province-publicity");

        // 7. On the 公示's first day a visitor objects from the public site, with evidence attached.
        round.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 3, 10, 0, 0, China));
        var visitor = await OpenAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "公示", Exact = true }).First.ClickAsync();
        await visitor.Locator("main a[href^='/publicity/']").First.ClickAsync();
        await Assertions.Expect(visitor.Locator(".publicity-status")).ToHaveTextAsync("公示中");
        await Assertions.Expect(visitor.Locator(".publicity-list")).ToContainTextAsync(Enterprise);
        var objection = visitor.Locator("[data-objection-form]");
        await objection.GetByLabel("个人").CheckAsync();
        await objection.GetByLabel("姓名").FillAsync("李明");
        await objection.GetByLabel("身份证号码").FillAsync("11010519491231002X");
        await objection.GetByLabel("联系电话").FillAsync("13800138000");
        await objection.GetByLabel("被异议企业").SelectOptionAsync(Enterprise);
        await objection.GetByLabel("异议事项和理由").FillAsync("该企业上年度因环境违法被处罚，不符合认定条件，请予核查。");
        await objection.Locator("#objection-files").SetInputFilesAsync(PdfFile("处罚决定书.pdf"));
        // "已上传" once the file is stored: the row names the file from the start ("正在上传…"), and an objection sent
        // before the upload answers goes without it (the province then read "未附材料" under load).
        await Assertions.Expect(objection.Locator(".objection-uploaded")).ToContainTextAsync(new Regex(@"处罚决定书\.pdf（\d+ KB）已上传"));
        await objection.GetByLabel("本人（单位）承诺所反映情况属实，愿意承担相应责任").CheckAsync();
        await objection.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
        var acknowledged = objection.Locator(".alert-success");
        await Assertions.Expect(acknowledged).ToContainTextAsync("异议已受理，受理编号 YY20240903");
        var receipt = Receipt().Match(await acknowledged.InnerTextAsync()).Value;
        await ShotAsync(visitor, "08-visitor-objection");

        // 8. The province looks into it and dismisses it.
        province = await SignInAsync("province", "**/staff");
        await province.GetByRole(AriaRole.Link, new() { Name = "2024 年度公示异议" }).ClickAsync();
        await province.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await province.WaitForURLAsync($"**/objections/{receipt}");
        await Assertions.Expect(province.Locator("main")).ToContainTextAsync("处罚决定书.pdf", new() { Timeout = 30_000 });
        await province.GetByLabel("核查情况").FillAsync("已调取处罚记录，处罚对象为同名的另一家企业。");
        await province.GetByRole(AriaRole.Button, new() { Name = "保存核查情况" }).ClickAsync();
        await Assertions.Expect(province.Locator("#objection-alert")).ToContainTextAsync("核查情况");
        await province.GetByLabel("异议不成立").CheckAsync();
        await province.GetByLabel("处理意见和理由").FillAsync("处罚对象并非该企业，异议不成立。");
        await province.GetByRole(AriaRole.Button, new() { Name = "作出决定" }).ClickAsync();
        await Assertions.Expect(province.Locator("#objection-alert")).ToContainTextAsync("已决定：异议不成立。");
        await ShotAsync(province, "09-objection-decided");

        // 9. After the window the province publishes the final list, which authorises the case.
        round.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 10, 9, 0, 0, China));
        province = await SignInAsync("province", "**/staff");
        await province.GetByRole(AriaRole.Link, new() { Name = "2024 年度公示与认定名单" }).ClickAsync();
        var finalList = province.Locator("#final-list");
        await Assertions.Expect(finalList).ToContainTextAsync(Enterprise);
        await finalList.Locator("#list-number").FillAsync("冀工信集群〔2024〕12号");
        await finalList.GetByRole(AriaRole.Button, new() { Name = "发布认定名单并授牌" }).ClickAsync();
        await Assertions.Expect(province.Locator("#acts-alert")).ToContainTextAsync("已发布认定名单，1 家企业已授牌。");
        var listPage = await province.RunAndWaitForPopupAsync(() => province.Locator("#lists a").First.ClickAsync());
        await Assertions.Expect(listPage.Locator("main")).ToContainTextAsync(Enterprise);
        await Assertions.Expect(listPage.Locator("main")).ToContainTextAsync("冀工信集群〔2024〕12号");
        await ShotAsync(listPage, "10-final-list");

        // 10. The enterprise finds its certificate on its case; the public verifies it by the code printed on it.
        enterprise = await SignInAsync(EnterpriseUser, "**/portal");
        await enterprise.Locator("main table tbody tr").Filter(new() { HasText = "已认定" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(enterprise.Locator("h1 + p")).ToContainTextAsync("已办结（通过）");
        var issued = enterprise.Locator("#case-issued");
        await Assertions.Expect(issued).ToContainTextAsync("核验码");
        var code = VerificationCode().Match(await issued.InnerTextAsync()).Groups[1].Value;
        var verify = await issued.GetByRole(AriaRole.Link, new() { Name = "文件核验" }).GetAttributeAsync("href");
        await ShotAsync(enterprise, "11-enterprise-certificate");
        var check = await OpenAsync($"{verify}/{code}");
        await Assertions.Expect(check.GetByText("核验结果：本平台出具的文件")).ToBeVisibleAsync();
        await Assertions.Expect(check.Locator("main")).ToContainTextAsync(Enterprise);
        await ShotAsync(check, "12-public-verify");

        lock (_errors)
        {
            Assert.True(_errors.Count == 0, string.Join("\n", _errors));
        }
    }
}

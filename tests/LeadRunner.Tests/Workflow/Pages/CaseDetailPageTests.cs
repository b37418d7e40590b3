using System.Net;
using System.Text.RegularExpressions;
using LeadRunner.Tests.Accounts;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Workflow.Pages;

/// <summary>The reviewer's case page: the application read as a page with its files, the verdict, the record, the confirmation.</summary>
public partial class CaseDetailPageTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string Enterprise = $"ent.{WorkflowDriver.QingheUscc}";
    private const string EnterpriseName = "清河县恒嘉羊绒制品有限公司";
    private readonly WorkflowDriver _drive = new(factory);

    [GeneratedRegex("href=\"(/api/uploads/[0-9a-f-]{36})\"[^>]*>营业执照.pdf</a>")]
    private static partial Regex LicenceLink();

    [Fact]
    public async Task County_ReadsTheApplicationByItsLabels_OpensItsFiles_AndSeesTheFailedRdRuleFlagged()
    {
        var id = await _drive.StartRecognitionAsync();
        // 950.52 / 35,600 万元 = 2.67 %: below the 3 % of a traditional industry (纺织).
        await _drive.CompleteOkAsync(Enterprise, id, "submit", data: new { rdExpense = 950.52m });
        var county = await factory.ClientFor("county.130534");

        var html = await county.GetStringAsync($"/cases/{id}");

        var application = html[html.IndexOf("id=\"case-application\"", StringComparison.Ordinal)..];
        Assert.Contains("<h3 class=\"case-section-title\">一、企业基本信息（封面）</h3>", application, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">法定代表人</th><td>", application, StringComparison.Ordinal);
        Assert.True(application.IndexOf("法定代表人", StringComparison.Ordinal) < application.IndexOf("三、主要经济指标", StringComparison.Ordinal), "字段按表单顺序");
        Assert.Contains("<th>上下游关系</th>", application, StringComparison.Ordinal);
        Assert.Contains("上游协作企业甲", application, StringComparison.Ordinal);
        Assert.Contains("<span class=\"case-text\">是</span>", application, StringComparison.Ordinal);
        Assert.Contains("950.52", application, StringComparison.Ordinal);

        var flag = html.IndexOf("id=\"eligibility-flag\"", StringComparison.Ordinal);
        Assert.True(flag > 0 && flag < html.IndexOf("id=\"case-application\"", StringComparison.Ordinal), "不符合基本条件的提示在页首");
        Assert.Contains("未满足基本条件：", html[flag..], StringComparison.Ordinal);
        Assert.Contains("研发投入占比 2.67", html[flag..], StringComparison.Ordinal);
        Assert.Contains("table-danger", html[html.IndexOf("id=\"case-eligibility\"", StringComparison.Ordinal)..], StringComparison.Ordinal);

        var link = LicenceLink().Match(html);
        Assert.True(link.Success, "营业执照可在案件页打开");
        var file = await county.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.StartsWith("%PDF", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains("2024年度", html, StringComparison.Ordinal);
        Assert.Contains("特色产业集群“领跑者”企业年度认定", html, StringComparison.Ordinal);
        Assert.DoesNotContain("recognition v", html, StringComparison.Ordinal);
        Assert.Contains("办理期限：2024-09-06", html, StringComparison.Ordinal);   // 5 working days from Monday 2024-09-02
        Assert.Contains("剩余 5 个工作日", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_NamesOrganisationsNotLogins_AndKeepsTheCountysOpinionAndCertificate()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync(Enterprise, id, "submit");
        await _drive.CompleteOkAsync("county.130534", id, "approve");
        var city = await factory.ClientFor("city.130500");

        var html = await city.GetStringAsync($"/cases/{id}");

        var timeline = html[html.IndexOf("id=\"case-timeline\"", StringComparison.Ordinal)..];
        Assert.Contains($"<strong class=\"case-who\">{EnterpriseName}</strong>", timeline, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"case-who\">邢台市清河县工业和信息化局</strong>", timeline, StringComparison.Ordinal);
        Assert.Contains("2024-09-02 09:00", timeline, StringComparison.Ordinal);
        Assert.Contains("经审核，该企业申报材料真实、合规，同意推荐。", timeline, StringComparison.Ordinal);
        Assert.Contains(">县级证明盖章版.pdf</a>", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("county.130534", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Enterprise, html, StringComparison.Ordinal);
        Assert.Contains("当前办理：市级工信部门审核推荐（邢台市工业和信息化局）", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherRegionsAndEnterprises_ReachNeitherThePageNorItsFiles()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync(Enterprise, id, "submit");
        var ownCity = await factory.ClientFor("city.130500");
        var file = LicenceLink().Match(await ownCity.GetStringAsync($"/cases/{id}")).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await ownCity.GetAsync(file)).StatusCode);

        foreach (var user in new[] { "county.130638", "city.130100", $"ent.{WorkflowDriver.XiongUscc}" })
        {
            var client = await factory.ClientFor(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(file)).StatusCode);
        }
    }

    [Fact]
    public async Task AfterAnAction_TheCasePageSaysWhatWasDoneAndWhereTheCaseWent()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync(Enterprise, id, "submit");
        var enterprise = await factory.ClientFor(Enterprise);
        Assert.Contains("申报材料已提交，已转至县级工信部门审核。提交时间：2024-09-02 09:00。",
            await enterprise.GetStringAsync($"/cases/{id}?done=1"), StringComparison.Ordinal);

        var (county, _, _) = await SignIns.BrowserAsync(factory, "county.130534");
        var page = await county.GetStringAsync($"/cases/{id}");
        var response = await county.PostAsync($"/cases/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(page),
            ["TaskId"] = (await _drive.TaskIdAsync("county.130534", id)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Action"] = "return", ["Comment"] = "请补充合作协议",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{id}?done=1", response.Headers.Location!.OriginalString);
        var after = await county.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains("已办理：退回修改。案件已转至 企业填报申报材料。", after, StringComparison.Ordinal);
        Assert.Contains("意见：请补充合作协议", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"case-banner\"", await county.GetStringAsync($"/cases/{id}"), StringComparison.Ordinal);
    }
}

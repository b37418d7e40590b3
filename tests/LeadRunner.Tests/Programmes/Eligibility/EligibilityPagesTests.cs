using System.Net;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>The administrators' /admin/eligibility page and the public /eligibility self-check (plain forms, no JavaScript).</summary>
public class EligibilityPagesTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(await client.GetStringAsync(page));
        return await client.PostAsync($"{page}{(page.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static Dictionary<string, string> RdForm(string expression) => new()
    {
        ["Id"] = "rd-ratio",
        ["Title"] = "研发投入占比",
        ["Expression"] = expression,
        ["Explanation"] = "占比 {{ ratio | math.format '0.00' }}%，{{ verdict }}",
        ["Sample"] = LeadRunner.Programmes.Eligibility.EligibilityAdminModel.DefaultSample,
    };

    [Fact]
    public async Task AdminPage_GroupsRules_TriesEdits_ShowsSyntaxErrors_AndSaves()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        Assert.Contains("href=\"/admin/eligibility\"", await admin.GetStringAsync("/staff"), StringComparison.Ordinal);
        var html = await admin.GetStringAsync("/admin/eligibility?id=rd-ratio");
        foreach (var heading in new[] { "入库条件", "基本条件", "专项条件", "版本历史", "试算", "清河县宏达羊绒纺纱有限公司" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }

        var tried = await PostAsync(admin, "/admin/eligibility?id=rd-ratio", "Try", RdForm("ratio = app.rdExpense * 100 / app.revenue\nratio >= 3"));
        Assert.Equal(HttpStatusCode.OK, tried.StatusCode);
        Assert.Contains("占比 3.20%，符合", await tried.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var broken = await PostAsync(admin, "/admin/eligibility?id=rd-ratio", "Save", RdForm("ratio = app.rdExpense * 100 / app.revenue\nratio >= (3"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("条件表达式第 2 行第", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await PostAsync(admin, "/admin/eligibility?id=rd-ratio", "Save", RdForm("ratio = app.rdExpense * 100 / app.revenue\nratio >= 3"));
        var savedHtml = await saved.Content.ReadAsStringAsync();
        Assert.Contains("当前为第 2 版", savedHtml, StringComparison.Ordinal);
        Assert.Contains("第 1 版", savedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).GetAsync("/admin/eligibility")).StatusCode);
    }

    [Fact]
    public async Task PublicPage_ChecksFiguresInWan_AndCalculatesSupport_Anonymously()
    {
        using var factory = new LeadRunnerFactory();
        var client = factory.AnonymousClient();
        Assert.Contains("href=\"/eligibility\"", await client.GetStringAsync("/pages/guide"), StringComparison.Ordinal);
        var form = new Dictionary<string, string>
        {
            ["Year"] = "2024", ["Industry"] = "纺织", ["InCultivationPool"] = "true", ["ClusterRank"] = "2", ["ClusterSize"] = "40",
            ["RevenueWan"] = "12000", ["RdExpenseWan"] = "384",
            ["Partners[0].Name"] = "清河县宏达羊绒纺纱有限公司", ["Partners[0].InCluster"] = "true",
            ["Partners[1].Name"] = "清河县博源染整有限公司", ["Partners[1].InCluster"] = "true",
            ["Partners[2].Name"] = "清河县雪绒服饰有限公司", ["Partners[2].InCluster"] = "true",
            ["Claims"] = "科技创新|省级及以上企业技术中心",
        };
        var checkedPage = await (await PostAsync(client, "/eligibility", "Check", form)).Content.ReadAsStringAsync();
        Assert.Contains("符合申报条件。", checkedPage, StringComparison.Ordinal);
        Assert.Contains("研发投入占比 3.20%，纺织属传统行业，门槛 3.00%，符合", checkedPage, StringComparison.Ordinal);

        form["RevenueWan"] = "0";
        var refused = await PostAsync(client, "/eligibility", "Check", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("上年度营业收入应大于 0", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var support = await PostAsync(client, "/eligibility", "Support", new() { ["Year"] = "2024", ["EquipmentWan"] = "3000", ["MergerCompleted"] = "true" });
        var supportPage = await support.Content.ReadAsStringAsync();
        Assert.Contains("上年度设备投入 3,000.00 万元 × 20% = 600.00 万元，超过上限 500.00 万元，按 500.00 万元补助", supportPage, StringComparison.Ordinal);
        Assert.Contains("600.00 万元</th>", supportPage, StringComparison.Ordinal);
    }
}

using System.Net;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Documents.Issued;

/// <summary>Annex 3 of a reporting unit: its recommended enterprises in rank order, for its city officer and the province only.</summary>
public class RecommendationReportTests(DocumentsFactory factory) : IClassFixture<DocumentsFactory>
{
    private const int Year = 2031;

    private async Task SeedAsync()
    {
        var qinghe = CaseSeeder.Variables("清河县恒嘉羊绒制品有限公司", 2, "r");
        var shahe = CaseSeeder.Variables("沙河市华晶玻璃有限公司", 1, "r");
        var notYetRanked = CaseSeeder.Variables("清河县恒嘉羊绒制品有限公司", 3, "r");
        notYetRanked.Remove("cityRank");
        notYetRanked.Remove("cityRecommendation");
        foreach (var v in new[] { qinghe, shahe, notYetRanked })
        {
            v["year"] = Year;
        }
        await CaseSeeder.AddCaseAsync(factory.Services, CaseSeeder.QingheUscc, qinghe);
        await CaseSeeder.AddCaseAsync(factory.Services, CaseSeeder.ShaheUscc, shahe, step: "publicity");
        await CaseSeeder.AddCaseAsync(factory.Services, CaseSeeder.QingheUscc, notYetRanked, step: "cityReview");
    }

    [Fact]
    public async Task Annex03_ListsTheUnitsRankedCasesInOrder_WithRdRatioAndRevenue()
    {
        await SeedAsync();
        var client = await factory.ClientFor("city.130500");

        var response = await client.GetAsync($"/api/units/130500/documents/annex-03.html?year={Year}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("共推荐 2 家企业", html, StringComparison.Ordinal);
        var shahe = html.IndexOf("沙河市华晶玻璃有限公司", StringComparison.Ordinal);
        var qinghe = html.IndexOf("清河县恒嘉羊绒制品有限公司", StringComparison.Ordinal);
        Assert.True(shahe > 0 && qinghe > shahe, "按推荐排序：沙河（第 1）在清河（第 2）之前");
        Assert.Contains("3.5%", html, StringComparison.Ordinal);        // 29,960,000 / 856,000,000
        Assert.Contains("85,600.00", html, StringComparison.Ordinal);   // 万元
        Assert.Contains("邢台市", html, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("X-Verification-Code").Single(), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annex03_Docx_IsValidWordWithTheEnterprises()
    {
        await SeedAsync();
        var client = await factory.ClientFor("province");

        var bytes = await client.GetByteArrayAsync($"/api/units/130500/documents/annex-03.docx?year={Year}");

        var text = FilledDocumentsTests.DocxText(bytes);
        Assert.Contains("沙河市华晶玻璃有限公司", text, StringComparison.Ordinal);
        Assert.Contains("清河县羊绒", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annex03_StatesEachEnterprisesStanding_AndFlagsTheOneBelowTheRdThreshold()
    {
        // 2024's settings: R&D 3 % for a traditional industry (纺织), at least 3 partners inside the cluster.
        static System.Text.Json.Nodes.JsonObject WithPartners(System.Text.Json.Nodes.JsonObject variables, decimal rdExpense)
        {
            var application = variables["application"]!.AsObject();
            application["rdExpense"] = rdExpense;
            application["partners"] = new System.Text.Json.Nodes.JsonArray(
                [.. Enumerable.Range(1, 3).Select(i => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["name"] = $"协作企业{i}", ["inCluster"] = true })]);
            return variables;
        }
        await CaseSeeder.AddCaseAsync(factory.Services, CaseSeeder.ShaheUscc, WithPartners(CaseSeeder.Variables("沙河市华晶玻璃有限公司", 1, "s"), 2996m));
        await CaseSeeder.AddCaseAsync(factory.Services, CaseSeeder.QingheUscc, WithPartners(CaseSeeder.Variables("清河县恒嘉羊绒制品有限公司", 2, "s"), 2285.52m));
        var client = await factory.ClientFor("city.130500");

        var html = await client.GetStringAsync("/api/units/130500/documents/annex-03.html?year=2024");

        Assert.DoesNotContain("推荐企业均", html, StringComparison.Ordinal);
        Assert.DoesNotContain("以上企业符合", html, StringComparison.Ordinal);
        Assert.Contains("沙河市华晶玻璃有限公司：已纳入“领跑者”企业培育库；研发投入占比 3.5%，达到传统行业年度门槛 3%", html, StringComparison.Ordinal);
        Assert.Contains("【未满足基本条件】研发投入占比 2.67%，低于传统行业年度门槛 3%", html, StringComparison.Ordinal);
        Assert.Matches("2.67%<br ?/?><strong>未达 3%</strong>", html);
        Assert.Contains("<strong>清河县恒嘉羊绒制品有限公司未满足基本条件</strong>", html, StringComparison.Ordinal);
        Assert.Contains("其余 1 家企业的申报数据满足基本条件", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("county.130534")]
    [InlineData("city.133100")]
    [InlineData("ent.91130534MA0CQH1106")]
    public async Task Annex03_ForAnyoneButTheUnitAndProvince_Is404(string user)
    {
        var client = await factory.ClientFor(user);

        var response = await client.GetAsync("/api/units/130500/documents/annex-03.docx");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

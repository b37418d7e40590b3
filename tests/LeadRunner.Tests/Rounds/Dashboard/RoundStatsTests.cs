using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Rounds.Dashboard;

/// <summary>GET /api/rounds/{year}/stats, its CSV files and the 数据看板 page, on the known cases of <see cref="DashboardData"/>.</summary>
public class RoundStatsTests(DashboardData data) : IClassFixture<DashboardData>
{
    private const int Year = DashboardData.Year;

    private async Task<JsonObject> StatsAsync(string user, int year = Year)
    {
        var client = await data.Factory.ClientFor(user);
        var response = await client.GetAsync($"/api/rounds/{year}/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject Rule(JsonObject stats, string id) => stats["rules"]!.AsArray().OfType<JsonObject>().Single(r => r["id"]!.GetValue<string>() == id);

    private static int Int(JsonNode? node) => node!.GetValue<int>();

    [Fact]
    public async Task Province_SeesEveryRecognitionCase_ByStepUnitAndRule()
    {
        var stats = await StatsAsync("province");

        Assert.Equal(4, Int(stats["total"])); // the pool-entry case of the same year is not counted
        var byStep = stats["byStep"]!.AsObject();
        string[] steps = ["submission", "countyReview", "cityReview", "provinceReview", "approved", "rejected"];
        Assert.Equal([1, 1, 1, 1, 0, 0], steps.Select(s => Int(byStep[s])));
        var xingtai = stats["byUnit"]!.AsArray().OfType<JsonObject>().Single(u => u["unitCode"]!.GetValue<string>() == "130500");
        Assert.Equal(2, Int(xingtai["total"]));
        Assert.Equal((1, 1, 0), (Int(xingtai["byStep"]!["countyReview"]), Int(xingtai["byStep"]!["cityReview"]), Int(xingtai["byStep"]!["provinceReview"])));
        Assert.Equal("邢台市", xingtai["unitName"]!.GetValue<string>());

        var rd = Rule(stats, "rd-ratio");
        Assert.Equal(("basic", 1, 1, 1), (rd["judgement"]!.GetValue<string>(), Int(rd["pass"]), Int(rd["fail"]), Int(rd["needsJudgement"])));
        Assert.Equal((3, 0), (Int(Rule(stats, "in-pool")["pass"]), Int(Rule(stats, "in-pool")["fail"])));
        Assert.Equal(("special", 2), (Rule(stats, "special-tech-innovation")["judgement"]!.GetValue<string>(), Int(Rule(stats, "special-tech-innovation")["pass"])));
        Assert.Equal((2, 1, 1), (Int(stats["eligible"]), Int(stats["ineligible"]), Int(stats["unchecked"])));

        // Claimed from the application, met from the verdict's special rule for the category.
        var categories = stats["specialCategories"]!.AsArray().OfType<JsonObject>()
            .ToDictionary(c => c["category"]!.GetValue<string>(), c => (Int(c["claimed"]), Int(c["met"])));
        Assert.Equal((2, 2), categories["科技创新"]);
        Assert.Equal((1, 0), categories["绿色低碳"]);
        Assert.Equal((1, 0), categories["数字化智能化"]);

        // Finished stays only, in calendar days; the reassignment inside submission does not split its stay.
        var durations = stats["durations"]!.AsArray().OfType<JsonObject>().ToDictionary(d => d["stepId"]!.GetValue<string>(),
            d => (Int(d["stays"]), d["averageDays"]!.GetValue<double>(), d["medianDays"]!.GetValue<double>()));
        Assert.Equal((3, 2.3, 2.0), durations["submission"]);
        Assert.Equal((2, 3.0, 3.0), durations["countyReview"]);
        Assert.Equal((1, 6.0, 6.0), durations["cityReview"]);
        Assert.False(durations.ContainsKey("provinceReview"));
        Assert.Equal("自然日", stats["durationUnit"]!.GetValue<string>());

        // Overdue: 清河's city task and 雄县's province task; 沙河's is not yet due.
        var overdue = stats["overdue"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(["清河县恒嘉羊绒制品有限公司", "雄县新宇塑料包装有限公司"], overdue.Select(t => t["enterprise"]!.GetValue<string>()));
        Assert.Equal(["市级工信部门审核推荐", "省工业和信息化厅审定初选名单"], overdue.Select(t => t["stepTitle"]!.GetValue<string>()));
        Assert.Equal(["邢台市", "雄安新区"], stats["overdueByUnit"]!.AsArray().Select(u => u!["unitName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task City_County_AndEnterprise_SeeOnlyTheirOwn()
    {
        var city = await StatsAsync("city.130500");
        Assert.Equal(2, Int(city["total"]));
        Assert.Equal(["130500"], city["byUnit"]!.AsArray().Select(u => u!["unitCode"]!.GetValue<string>()));
        Assert.Equal((2, 0, 1, 1), (Int(Rule(city, "in-pool")["pass"]), Int(Rule(city, "rd-ratio")["needsJudgement"]), Int(Rule(city, "rd-ratio")["pass"]), Int(Rule(city, "rd-ratio")["fail"])));
        Assert.Equal(0, Int(city["byStep"]!["provinceReview"]));
        Assert.Equal(["清河县恒嘉羊绒制品有限公司"], city["overdue"]!.AsArray().Select(t => t!["enterprise"]!.GetValue<string>()));

        var county = await StatsAsync("county.130534");
        Assert.Equal((1, 1), (Int(county["total"]), Int(county["byStep"]!["cityReview"])));
        Assert.DoesNotContain(county["rules"]!.AsArray(), r => Int(r!["fail"]) > 0);

        var otherCity = await StatsAsync("city.130100");
        Assert.Equal(0, Int(otherCity["total"]));
        Assert.Empty(otherCity["rules"]!.AsArray());
        Assert.Empty(otherCity["overdue"]!.AsArray());
        Assert.Equal(["130100"], otherCity["byUnit"]!.AsArray().Select(u => u!["unitCode"]!.GetValue<string>()));

        var enterprise = await data.Factory.ClientFor($"ent.{DashboardData.Qinghe}");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/api/rounds/{Year}/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/api/rounds/{Year}/stats/rules.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/rounds/{Year}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await data.Factory.AnonymousClient().GetAsync($"/api/rounds/{Year}/stats")).StatusCode);

        var province = await data.Factory.ClientFor("province");
        var missing = await province.GetAsync("/api/rounds/2031/stats");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("2031 年度批次不存在", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HasABom_ChineseHeaders_AndTheScopedNumbers()
    {
        var city = await data.Factory.ClientFor("city.130500");
        var response = await city.GetAsync($"/api/rounds/{Year}/stats/units.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("报送单位,企业填报申报材料,县级工信部门审核,市级工信部门审核推荐,", lines[0], StringComparison.Ordinal);
        Assert.Equal("邢台市,0,1,1,0", Cells(lines[1], 5));
        Assert.EndsWith(",2", lines[1], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);

        var rules = Encoding.UTF8.GetString((await city.GetByteArrayAsync($"/api/rounds/{Year}/stats/rules.csv"))[3..]).Split("\r\n");
        Assert.Equal("认定条件,条件类别,符合,不符合,需审核人员判断,规则出错,符合率（%）", rules[0]);
        Assert.Contains("研发投入占比达到年度门槛,基本条件,1,1,0,0,50", rules);

        var overdue = Encoding.UTF8.GetString((await (await data.Factory.ClientFor("province")).GetByteArrayAsync($"/api/rounds/{Year}/stats/overdue.csv"))[3..]);
        Assert.Contains("清河县恒嘉羊绒制品有限公司,91130534MA0CQH1106,邢台市,清河县,市级工信部门审核推荐,2025-09-20 08:00,", overdue, StringComparison.Ordinal);

        var unknown = await city.GetAsync($"/api/rounds/{Year}/stats/pie.csv");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("没有名为“pie”的图表", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Cells(string line, int count) => string.Join(',', line.Split(',').Take(count));

    [Fact]
    public async Task DashboardPage_IsLinkedForProvinceAndCity_AndLoadsTheChartsModule()
    {
        var parser = new HtmlParser();
        foreach (var user in new[] { "province", "city.130500" })
        {
            var client = await data.Factory.ClientFor(user);
            var home = await parser.ParseDocumentAsync(await client.GetStringAsync("/staff"));
            var link = home.QuerySelectorAll("main a").Single(a => a.TextContent == "数据看板").GetAttribute("href");
            Assert.Matches("^/rounds/20[0-9]{2}/dashboard$", link);
            Assert.Contains(home.QuerySelectorAll("header a"), a => a.TextContent == "数据看板");

            var page = await parser.ParseDocumentAsync(await client.GetStringAsync($"/rounds/{Year}/dashboard"));
            Assert.Equal(Year.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#dashboard")!.GetAttribute("data-year"));
            Assert.Equal(5, page.QuerySelectorAll("[data-chart]").Length);
            Assert.Equal(5, page.QuerySelectorAll($"a[download][href^='/api/rounds/{Year}/stats/']").Length);
            Assert.NotNull(page.QuerySelector("script[type=module][src^='/js/dashboard.js']"));
        }
        var county = await data.Factory.ClientFor("county.130534");
        var countyHome = await parser.ParseDocumentAsync(await county.GetStringAsync("/staff"));
        Assert.DoesNotContain(countyHome.QuerySelectorAll("a"), a => a.TextContent == "数据看板");
    }

    /// <summary>A case submitted through the engine is counted from the verdict the engine stored (2024, whatever else it holds).</summary>
    [Fact]
    public async Task SubmittedApplication_IsCountedFromTheEnginesVerdict()
    {
        var before = await StatsAsync("province", 2024);
        var drive = new WorkflowDriver(data.Factory);
        var id = await drive.StartRecognitionAsync(DashboardData.Qinghe);
        await drive.CompleteOkAsync($"ent.{DashboardData.Qinghe}", id, "submit");
        var after = await StatsAsync("province", 2024);

        Assert.Equal(Int(before["total"]) + 1, Int(after["total"]));
        Assert.Equal(Int(before["byStep"]!["countyReview"]) + 1, Int(after["byStep"]!["countyReview"]));
        int Pass(JsonObject s, string rule) => s["rules"]!.AsArray().OfType<JsonObject>().Where(r => r["id"]!.GetValue<string>() == rule).Sum(r => Int(r["pass"]));
        Assert.Equal(Pass(before, "rd-ratio") + 1, Pass(after, "rd-ratio"));
        Assert.Equal(Pass(before, "special-tech-innovation") + 1, Pass(after, "special-tech-innovation"));
        int Met(JsonObject s) => s["specialCategories"]!.AsArray().OfType<JsonObject>().Where(c => c["category"]!.GetValue<string>() == "科技创新").Sum(c => Int(c["met"]));
        Assert.Equal(Met(before) + 1, Met(after));
        Assert.Contains(after["durations"]!.AsArray(), d => d!["stepId"]!.GetValue<string>() == "submission");
    }
}

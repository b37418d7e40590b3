using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Rounds.Cases;

/// <summary>The city's ranked batch: the whole batch is checked first, then every case is recommended with its rank through the engine.</summary>
public class CityRankingTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string Shahe = "91130582MA0HP3W19U";
    private readonly WorkflowDriver _drive = new(factory);

    private async Task<long> AtCityReviewAsync(string uscc, string county)
    {
        var id = await _drive.StartRecognitionAsync(uscc);
        await _drive.CompleteOkAsync($"ent.{uscc}", id, "submit");
        await _drive.CompleteOkAsync(county, id, "approve");
        return id;
    }

    [Fact]
    public async Task Batch_IsRefusedWhenIncomplete_StoresTheRanksInOrderAndMovesOn_AndIsRefusedLate()
    {
        await _drive.AdmitToPoolAsync(Shahe);
        var qinghe = await AtCityReviewAsync(WorkflowDriver.QingheUscc, "county.130534");
        var shahe = await AtCityReviewAsync(Shahe, "county.130582");
        var city = await factory.ClientFor("city.130500");

        var page = await city.GetStringAsync("/rounds/2024/ranking");
        Assert.Contains("清河县恒嘉羊绒制品有限公司", page, StringComparison.Ordinal);
        Assert.Contains("沙河市华晶玻璃有限公司", page, StringComparison.Ordinal);
        Assert.Contains("2024年9月12日", page, StringComparison.Ordinal);
        Assert.Contains("35,600.00", page, StringComparison.Ordinal);   // 营业收入, filed in 万元

        var incomplete = await city.PostAsJsonAsync("/api/rounds/2024/ranking", new { caseIds = new[] { shahe }, opinion = "同意推荐。" });
        Assert.Equal(HttpStatusCode.Conflict, incomplete.StatusCode);
        Assert.Contains("清河县恒嘉羊绒制品有限公司", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noOpinion = await city.PostAsJsonAsync("/api/rounds/2024/ranking", new { caseIds = new[] { shahe, qinghe } });
        Assert.Equal(HttpStatusCode.BadRequest, noOpinion.StatusCode);

        var county = await factory.ClientFor("county.130534");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync("/api/rounds/2024/ranking", new { caseIds = new[] { qinghe }, opinion = "x" })).StatusCode);

        var done = await city.PostAsJsonAsync("/api/rounds/2024/ranking", new { caseIds = new[] { shahe, qinghe }, opinion = "经审核，同意推荐。" });

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(2, (await done.Content.ReadFromJsonAsync<JsonObject>())!["submitted"]!.GetValue<int>());
        var first = await _drive.InstanceAsync(shahe);
        var second = await _drive.InstanceAsync(qinghe);
        Assert.Equal(("provinceReview", 1m), (first.CurrentStep, first.Variables!["cityRank"]!.GetValue<decimal>()));
        Assert.Equal(("provinceReview", 2m), (second.CurrentStep, second.Variables!["cityRank"]!.GetValue<decimal>()));
        Assert.Equal("经审核，同意推荐。", second.Variables["cityRecommendation"]!["opinion"]!.GetValue<string>());

        // After the city deadline (2024-09-12) the whole batch is refused before any case moves.
        var xiong = await AtCityReviewAsync(WorkflowDriver.XiongUscc, "county.130638");
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 13, 9, 0, 0, TimeSpan.FromHours(8)));
        var xiongCity = await factory.ClientFor("city.133100");
        var late = await xiongCity.PostAsJsonAsync("/api/rounds/2024/ranking", new { caseIds = new[] { xiong }, opinion = "同意推荐。" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已逾期，不予受理", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("cityReview", (await _drive.InstanceAsync(xiong)).CurrentStep);
    }
}

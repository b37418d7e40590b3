using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Programmes.Support;

/// <summary>POST /api/support/calculate: 第十一～十三条 from the year's settings, each item stating its numbers.</summary>
public class SupportCalculateApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private async Task<JsonElement> CalculateAsync(object body)
    {
        var response = await factory.AnonymousClient().PostAsJsonAsync("/api/support/calculate", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(string Policy, decimal Amount, string Explanation)> Items(JsonElement result) =>
        [.. result.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("policy").GetString()!, i.GetProperty("amount").GetDecimal(), i.GetProperty("explanation").GetString()!))];

    [Theory]
    [InlineData(30_000_000, 5_000_000, "上年度设备投入 3,000.00 万元 × 20% = 600.00 万元，超过上限 500.00 万元，按 500.00 万元补助")]
    [InlineData(25_000_000, 5_000_000, "上年度设备投入 2,500.00 万元 × 20% = 500.00 万元，未超过上限 500.00 万元，按 500.00 万元补助")]
    [InlineData(25_000_050, 5_000_000, "上年度设备投入 2,500.01 万元 × 20% = 500.00 万元，超过上限 500.00 万元，按 500.00 万元补助")]
    [InlineData(10_000_000, 2_000_000, "上年度设备投入 1,000.00 万元 × 20% = 200.00 万元，未超过上限 500.00 万元，按 200.00 万元补助")]
    public async Task Equipment_TwentyPercent_CappedAtFiveMillion(decimal investment, decimal amount, string explanation)
    {
        var result = await CalculateAsync(new { year = 2024, equipmentInvestment = investment });
        var item = Assert.Single(Items(result));
        Assert.Equal(("设备更新补助（第十一条）", amount, explanation), item);
        Assert.Equal(amount, result.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Revenue_CrossingBothMilestones_GivesBothRewards()
    {
        var result = await CalculateAsync(new { year = 2024, revenueBefore = 4_500_000_000m, revenueAfter = 12_000_000_000m });
        Assert.Equal([1_000_000m, 2_000_000m], Items(result).Select(i => i.Amount));
        Assert.Equal("通过并购（兼并）重组，年营业收入由 45 亿元增至 120 亿元，首次达到 100 亿元，一次性激励 200.00 万元", Items(result)[1].Explanation);
        Assert.Equal(3_000_000m, result.GetProperty("total").GetDecimal());
    }

    [Theory]
    [InlineData(4_999_999_999, 5_000_000_000, 1_000_000)]
    [InlineData(5_000_000_000, 9_999_999_999, 0)]
    [InlineData(6_000_000_000, 10_000_000_000, 2_000_000)]
    [InlineData(1_000_000_000, 4_999_999_999, 0)]
    public async Task Revenue_EachMilestoneCountsOnlyWhenFirstReached(decimal before, decimal after, decimal total)
    {
        var result = await CalculateAsync(new { year = 2024, revenueBefore = before, revenueAfter = after });
        Assert.Equal(total, result.GetProperty("total").GetDecimal());
        if (total == 0)
        {
            Assert.Contains("不予台阶激励", Assert.Single(Items(result)).Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Everything_AddsUp_AndNothingClaimed_IsZero()
    {
        var all = await CalculateAsync(new { year = 2024, equipmentInvestment = 30_000_000m, mergerCompleted = true, revenueBefore = 4_000_000_000m, revenueAfter = 5_500_000_000m, newTop500 = true });
        Assert.Equal(["设备更新补助（第十一条）", "并购重组激励（第十二条）", "营业收入首次达到 50 亿元台阶激励（第十三条）", "首次进入 500 强激励（第十三条）"], Items(all).Select(i => i.Policy));
        Assert.Equal(8_000_000m, all.GetProperty("total").GetDecimal());

        var nothing = await CalculateAsync(new { year = 2024, mergerCompleted = false, newTop500 = false });
        Assert.Equal((0, 0m), (nothing.GetProperty("items").GetArrayLength(), nothing.GetProperty("total").GetDecimal()));
    }

    [Theory]
    [InlineData("""{"equipmentInvestment": 100}""", "year", "请填写年度")]
    [InlineData("""{"year": 2031}""", "year", "2031 年度批次不存在")]
    [InlineData("""{"year": 2024, "equipmentInvestment": -1}""", "equipmentInvestment", "不能为负数")]
    [InlineData("""{"year": 2024, "revenueBefore": -1, "revenueAfter": 10}""", "revenueBefore", "不能为负数")]
    [InlineData("""{"year": 2024, "revenueBefore": 6000000000, "revenueAfter": 5000000000}""", "revenueAfter", "不能低于并购前（60 亿元）")]
    [InlineData("""{"year": 2024, "revenueAfter": 5000000000}""", "revenueBefore", "请同时填写")]
    public async Task BadRequests_Return400InChinesePerField(string body, string field, string message)
    {
        var response = await factory.AnonymousClient().PostAsync("/api/support/calculate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }
}

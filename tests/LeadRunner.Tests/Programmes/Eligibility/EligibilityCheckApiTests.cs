using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>POST /api/eligibility/check: anonymous, nothing stored, Chinese 400s per field for figures that make no sense.</summary>
public class EligibilityCheckApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    internal static JsonObject Body() => JsonNode.Parse("""
        {
          "year": 2024, "industry": "纺织", "listed": false, "inCultivationPool": true, "clusterRank": 2, "clusterSize": 40,
          "revenue": 12000, "rdExpense": 384,
          "partners": [
            { "name": "清河县宏达羊绒纺纱有限公司", "inCluster": true, "relation": "上游" },
            { "name": "清河县博源染整有限公司", "inCluster": true, "relation": "上游" },
            { "name": "清河县雪绒服饰有限公司", "inCluster": true, "relation": "下游" }
          ],
          "specialConditions": [ { "category": "科技创新", "items": ["省级及以上企业技术中心"] } ]
        }
        """)!.AsObject();

    internal static async Task<JsonElement> CheckAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/api/eligibility/check", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static JsonElement Rule(JsonElement result, string id) => result.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Check_TheIssueExample_IsEligible_WithEveryRuleExplained()
    {
        var result = await CheckAsync(factory.AnonymousClient(), Body());
        Assert.True(result.GetProperty("eligible").GetBoolean());
        Assert.Equal(1, result.GetProperty("settingsVersion").GetInt32());
        var rd = Rule(result, "rd-ratio");
        Assert.Equal(("basic", "pass", "研发投入占比 3.20%，纺织属传统行业，门槛 3.00%，符合"),
            (rd.GetProperty("group").GetString(), rd.GetProperty("result").GetString(), rd.GetProperty("explanation").GetString()));
        Assert.Equal(15, result.GetProperty("rules").GetArrayLength());
        Assert.All(result.GetProperty("rules").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("title").GetString())));
        Assert.Equal("judgement", Rule(result, "cluster-rank").GetProperty("result").GetString());
    }

    [Fact]
    public async Task Check_SoftwareAt3Point2Percent_IsNotEligible()
    {
        var body = Body();
        body["industry"] = "电子信息";
        var result = await CheckAsync(factory.AnonymousClient(), body);
        Assert.False(result.GetProperty("eligible").GetBoolean());
        Assert.Equal("fail", Rule(result, "rd-ratio").GetProperty("result").GetString());
    }

    public static TheoryData<string, string, string> BadFigures() => new()
    {
        { """{"year": null}""", "year", "请填写申报年度" },
        { """{"year": 2031}""", "year", "2031 年度批次不存在" },
        { """{"revenue": null}""", "revenue", "请填写上年度营业收入" },
        { """{"revenue": 0}""", "revenue", "应大于 0" },
        { """{"revenue": -5}""", "revenue", "应大于 0" },
        { """{"rdExpense": null}""", "rdExpense", "请填写上年度研发投入" },
        { """{"rdExpense": -1}""", "rdExpense", "不能为负数" },
        { """{"rdExpense": 12000.01}""", "rdExpense", "不能超过营业收入" },
        { """{"clusterRank": 41}""", "clusterRank", "不能超过集群内企业数（40 家）" },
        { """{"clusterRank": 0}""", "clusterRank", "正整数" },
        { """{"partners": [{"inCluster": true}]}""", "partners[0].name", "请填写合作企业名称" },
        { """{"specialConditions": [{"category": "开放合作", "items": ["x"]}]}""", "specialConditions[0].category", "不是 2024 年度的专项条件类别" },
        { """{"specialConditions": [{"items": ["x"]}]}""", "specialConditions[0].category", "请选择专项条件类别" },
    };

    [Theory]
    [MemberData(nameof(BadFigures))]
    public async Task Check_NonsensicalFigures_Return400WithAChineseMessagePerField(string change, string field, string message)
    {
        var body = Body();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }
        var response = await factory.AnonymousClient().PostAsJsonAsync("/api/eligibility/check", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_StoresNothing()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunner.Data.LeadRunnerDb>();
        var audits = await db.AuditEntries.CountAsync();
        await CheckAsync(factory.AnonymousClient(), Body());
        Assert.Equal(audits, await db.AuditEntries.CountAsync());
    }
}

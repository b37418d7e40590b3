using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Rounds;
using LeadRunner.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Rounds;

/// <summary>GET /api/rounds/{year}/lists/{name}: a round's lists as settings hold them, or as options a form binds to.</summary>
public class RoundListsApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    internal static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private Task<JsonElement> GetAsync(string url) => factory.AnonymousClient().GetFromJsonAsync<JsonElement>(url);

    [Fact]
    public async Task Industries_AreTheSettingsEntries_OrOptionsWithTheTraditionalFlag_Anonymously()
    {
        var raw = await GetAsync("/api/rounds/2024/lists/industries");
        Assert.Equal(14, raw.GetArrayLength());
        Assert.Equal(("纺织", true, false), (raw[3].GetProperty("name").GetString(), raw[3].GetProperty("traditional").GetBoolean(), raw[3].GetProperty("retired").GetBoolean()));

        var options = await GetAsync("/api/rounds/2024/lists/industries?format=options");
        Assert.Equal(("纺织", "纺织", true), (options[3].GetProperty("label").GetString(), options[3].GetProperty("value").GetString(), options[3].GetProperty("traditional").GetBoolean()));
        Assert.Equal(("电子信息", false), (options[8].GetProperty("value").GetString(), options[8].GetProperty("traditional").GetBoolean()));
    }

    [Fact]
    public async Task OtherLists_HaveTheirOwnShapes()
    {
        var categories = await GetAsync("/api/rounds/2024/lists/specialCategories?format=options");
        Assert.Equal(6, categories.GetArrayLength());
        Assert.Equal(("科技创新发展", "科技创新"), (categories[0].GetProperty("label").GetString(), categories[0].GetProperty("value").GetString()));
        Assert.Contains("专精特新“小巨人”企业", categories[0].GetProperty("items").EnumerateArray().Select(i => i.GetString()));

        var relations = await GetAsync("/api/rounds/2024/lists/partnerRelations?format=options");
        Assert.Equal(["上游", "下游", "配套协作"], relations.EnumerateArray().Select(r => r.GetProperty("value").GetString()));
        Assert.Equal("万元", (await GetAsync("/api/rounds/2024/lists/moneyUnit")).GetString());
        Assert.Equal("万元", (await GetAsync("/api/rounds/current/lists/moneyUnit?format=options"))[0].GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("/api/rounds/1999/lists/industries", HttpStatusCode.NotFound, "1999 年度批次不存在")]
    [InlineData("/api/rounds/2024/lists/colours", HttpStatusCode.NotFound, "没有名为“colours”的名单")]
    [InlineData("/api/rounds/abc/lists/industries", HttpStatusCode.NotFound, "abc 年度批次不存在")]
    [InlineData("/api/rounds/2024/lists/industries?format=csv", HttpStatusCode.BadRequest, "不支持的格式“csv”")]
    public async Task UnknownYearListOrFormat_IsRefusedInChinese(string url, HttpStatusCode status, string message)
    {
        var response = await factory.AnonymousClient().GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Lists are data of each year's round: changing one year's leaves the others, and "current" follows the open round.</summary>
public class RoundListYearsTests
{
    [Fact]
    public async Task ChangingTheListsOf2025_Leaves2024Alone_AndCurrentIsTheNewestOpenRoundElseTheLatestYear()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2025"))!;
        settings["industries"]!.AsArray().Add(new JsonObject { ["name"] = "石材", ["traditional"] = true });
        settings["partnerRelations"]!.AsArray().Add(new JsonObject { ["name"] = "技术合作" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2025", RoundListsApiTests.Json(settings))).StatusCode);

        // 2025 is a draft: its lists are the administrators' until it opens.
        var anonymous = factory.AnonymousClient();
        Assert.Contains("石材", await admin.GetStringAsync("/api/rounds/2025/lists/industries?format=options"), StringComparison.Ordinal);
        var hidden = await anonymous.GetAsync("/api/rounds/2025/lists/industries?format=options");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains("2025 年度批次不存在", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("石材", await anonymous.GetStringAsync("/api/rounds/2024/lists/industries?format=options"), StringComparison.Ordinal);
        Assert.DoesNotContain("技术合作", await anonymous.GetStringAsync("/api/rounds/2024/lists/partnerRelations"), StringComparison.Ordinal);
        // "current" is the newest open round: 2024 while 2025 is being prepared, 2025 once it is opened.
        Assert.DoesNotContain("石材", await anonymous.GetStringAsync("/api/rounds/current/lists/industries?format=options"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/rounds/2025/open", new { })).StatusCode);
        Assert.Contains("石材", await anonymous.GetStringAsync("/api/rounds/current/lists/industries?format=options"), StringComparison.Ordinal);
        Assert.Contains("石材", await anonymous.GetStringAsync("/api/rounds/2025/lists/industries?format=options"), StringComparison.Ordinal);
    }
}

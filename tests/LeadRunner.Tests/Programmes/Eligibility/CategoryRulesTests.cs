using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Programmes;
using LeadRunner.Tests.Rounds;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>A special-condition category added to a year gets a real rule when no rule checks it; the rules page and checks use it.</summary>
public class CategoryRulesTests
{
    private static readonly string[] ListedItem = ["国家级外贸转型升级基地"];

    internal static JsonObject OpenCooperation() => new()
    {
        ["key"] = "开放合作", ["title"] = "开放合作发展",
        ["items"] = new JsonArray("国家级外贸转型升级基地", "省级跨境电商产业园区"),
    };

    [Fact]
    public async Task AddingACategory_GeneratesOneVersionedLoggedRule_ThatChecksItemsWithEvidence()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        // Next year's draft round, which follows the newest rules; the open 2024 round keeps the rule set it pinned.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/rounds/2024/copy-to/2025", null)).StatusCode);
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2025"))!;
        settings["specialCategories"]!.AsArray().Add(OpenCooperation());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2025", RoundListsApiTests.Json(settings))).StatusCode);

        var rules = (await admin.GetFromJsonAsync<JsonElement>("/api/eligibility/rules")).EnumerateArray().ToList();
        var rule = Assert.Single(rules, r => r.GetProperty("category").GetString() == "开放合作");
        Assert.Equal(("special-category-1", "special", 1, "admin", true), (rule.GetProperty("id").GetString(), rule.GetProperty("group").GetString(),
            rule.GetProperty("version").GetInt32(), rule.GetProperty("updatedBy").GetString(), rule.GetProperty("enabled").GetBoolean()));
        Assert.Equal("special-category-1", rules.Last().GetProperty("id").GetString()); // after the six shipped special rules
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == "新增认定条件" && a.UserName == "admin");
            Assert.Contains("开放合作", entry.Reason, StringComparison.Ordinal);
            Assert.Single(await db.ArtifactVersions.Where(v => v.Kind == "rule" && v.Key == "special-category-1").ToListAsync());
        }

        // Saving again (another change) generates nothing more: the category is covered.
        settings["publicityWorkingDays"] = 6;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2025", RoundListsApiTests.Json(settings))).StatusCode);
        Assert.Equal(16, (await admin.GetFromJsonAsync<JsonElement>("/api/eligibility/rules")).GetArrayLength());

        var client = admin; // the draft round is checked by its administrator
        object Check(object[]? evidence) => new
        {
            year = 2025, industry = "纺织", inCultivationPool = true, revenue = 100_000_000, rdExpense = 4_000_000,
            partners = new[] { new { name = "甲", inCluster = true }, new { name = "乙", inCluster = true }, new { name = "丙", inCluster = true } },
            specialConditions = new[] { new { category = "开放合作", items = ListedItem, evidence } },
        };
        var proven = await (await client.PostAsJsonAsync("/api/eligibility/check", Check(["基地认定文件.pdf"]))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(proven.GetProperty("eligible").GetBoolean(), proven.ToString());
        var result = proven.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "special-category-1");
        Assert.Equal("申报“开放合作发展”：国家级外贸转型升级基地，已附证明材料，符合", result.GetProperty("explanation").GetString());
        var unproven = await (await client.PostAsJsonAsync("/api/eligibility/check", Check(null))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(unproven.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task AddedCategory_IsOfferedByTheSelfCheckOfItsYearOnly()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2025"))!;
        settings["specialCategories"]!.AsArray().Add(OpenCooperation());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2025", RoundListsApiTests.Json(settings))).StatusCode);

        var anonymous = factory.AnonymousClient();
        Assert.Contains("省级跨境电商产业园区", await admin.GetStringAsync("/eligibility?year=2025"), StringComparison.Ordinal);
        // The draft round is not public: the public self-check stays on the open 2024 round.
        Assert.DoesNotContain("省级跨境电商产业园区", await anonymous.GetStringAsync("/eligibility?year=2025"), StringComparison.Ordinal);
        Assert.DoesNotContain("省级跨境电商产业园区", await anonymous.GetStringAsync("/eligibility?year=2024"), StringComparison.Ordinal);
        var refused = await anonymous.PostAsJsonAsync("/api/eligibility/check", new
        {
            year = 2024, revenue = 100_000_000, rdExpense = 4_000_000, specialConditions = new[] { new { category = "开放合作", items = ListedItem } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("“开放合作”不是 2024 年度的专项条件类别", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsInTheOldShape_AreReadWithTheTraditionalFlagOnTheIndustries()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!.AsObject();
        settings.Remove("industries");
        settings.Remove("partnerRelations");
        settings.Remove("moneyUnit");
        settings["traditionalIndustries"] = new JsonArray("钢铁", "纺织", "陶瓷");
        var saved = await admin.PutAsync("/api/programmes/2024?note=旧格式", RoundListsApiTests.Json(settings));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var stored = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        Assert.Null(stored["traditionalIndustries"]);
        var traditional = stored["industries"]!.AsArray().Where(i => i!["traditional"]!.GetValue<bool>()).Select(i => i!["name"]!.GetValue<string>());
        Assert.Equal(["钢铁", "纺织", "陶瓷"], traditional);
        Assert.Equal(15, stored["industries"]!.AsArray().Count);
        Assert.Equal("元", stored["moneyUnit"]!.GetValue<string>());

        Assert.Equal(ProgrammeUpgrade.Read(stored.ToJsonString()).ToJsonString(), stored.ToJsonString()); // applying it again changes nothing
    }

    [Fact]
    public async Task InvalidLists_AreRefusedWithTheirPathInChinese_AndNothingChanges()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["industries"]!.AsArray().Add(new JsonObject { ["name"] = "纺织", ["traditional"] = false });
        foreach (var relation in settings["partnerRelations"]!.AsArray())
        {
            relation!["retired"] = true;
        }
        settings["moneyUnit"] = "";
        var response = await admin.PutAsync("/api/programmes/2024", RoundListsApiTests.Json(settings));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ArtifactProblem>())!.Locations;
        Assert.Contains(errors, e => e.Path == "$.moneyUnit");
        Assert.Single((await admin.GetFromJsonAsync<ProgrammesApi.VersionDto[]>("/api/programmes/2024/versions"))!);

        settings["moneyUnit"] = "元";
        errors = (await (await admin.PutAsync("/api/programmes/2024", RoundListsApiTests.Json(settings))).Content.ReadFromJsonAsync<ArtifactProblem>())!.Locations;
        Assert.Contains(errors, e => e.Path == "$.industries[14].name" && e.Message == "行业“纺织”重复");
        Assert.Contains(errors, e => e.Path == "$.partnerRelations" && e.Message == "合作关系至少要保留一项未停用的");
    }
}

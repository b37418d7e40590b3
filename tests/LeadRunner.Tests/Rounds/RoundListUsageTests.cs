using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Programmes;
using LeadRunner.Tests.TestHost;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Rounds;

/// <summary>A list entry cases still use cannot be removed (409, nothing saved); it can be retired, which hides it from new choices.</summary>
public class RoundListUsageTests
{
    private static async Task<int> VersionCountAsync(HttpClient admin, int year) =>
        (await admin.GetFromJsonAsync<ProgrammesApi.VersionDto[]>($"/api/programmes/{year}/versions"))!.Length;

    private static JsonObject Entry(JsonNode settings, string list, string field, string value) =>
        settings[list]!.AsArray().Single(e => e![field]!.GetValue<string>() == value)!.AsObject();

    [Fact]
    public async Task RemovingAnIndustryEnterprisesUse_IsRefused_RetiringIt_HidesItFromRegistration()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        var textile = Entry(settings, "industries", "name", "纺织");
        settings["industries"]!.AsArray().Remove(textile);

        var refused = await admin.PutAsync("/api/programmes/2024", RoundListsApiTests.Json(settings));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<ArtifactProblem>())!;
        var error = Assert.Single(problem.Locations);
        Assert.Equal([error.Message], problem.Errors["$.industries"]);
        Assert.Equal("$.industries", error.Path);
        Assert.Contains("行业“纺织”仍被", error.Message, StringComparison.Ordinal);
        Assert.Contains("家企业", error.Message, StringComparison.Ordinal);
        Assert.Contains("停用", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await VersionCountAsync(admin, 2024));

        textile["retired"] = true;
        settings["industries"]!.AsArray().Add(textile);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2024", RoundListsApiTests.Json(settings))).StatusCode);
        var options = await factory.AnonymousClient().GetStringAsync("/api/rounds/2024/lists/industries?format=options");
        Assert.DoesNotContain("纺织", options, StringComparison.Ordinal);
        Assert.Contains("\"retired\":true", await factory.AnonymousClient().GetStringAsync("/api/rounds/2024/lists/industries"), StringComparison.Ordinal);

        var county = await factory.ClientFor("county.130534");
        var clusters = await factory.AnonymousClient().GetFromJsonAsync<LeadRunner.Enterprises.EnterprisesApi.ClusterDto[]>("/api/clusters");
        var registration = await county.PostAsJsonAsync("/api/enterprises", new
        {
            name = "清河县停用行业测试有限公司", uscc = LeadRunner.Enterprises.UsccValidator.Complete("91130534MA0R1T2Y"), countyCode = "130534",
            clusterId = clusters!.Single(c => c.Name == "清河县羊绒及制品产业集群").Id, industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.BadRequest, registration.StatusCode);
        Assert.Contains("行业“纺织”已在 2024 年度停用", await registration.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingACategoryOrRelationASubmittedApplicationUses_IsRefusedInItsYear_NotInAnother()
    {
        using var factory = new LeadRunnerFactory();
        var driver = new WorkflowDriver(factory);
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        var id = await driver.StartRecognitionAsync(year: 2024);
        await driver.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit"); // claims 科技创新, partners 上游 and 下游

        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["specialCategories"]!.AsArray().Remove(Entry(settings, "specialCategories", "key", "科技创新"));
        settings["partnerRelations"]!.AsArray().Remove(Entry(settings, "partnerRelations", "name", "下游"));
        settings["partnerRelations"]!.AsArray().Remove(Entry(settings, "partnerRelations", "name", "配套协作"));
        var refused = await admin.PutAsync("/api/programmes/2024", RoundListsApiTests.Json(settings));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<ArtifactProblem>())!;
        Assert.Equal(409, problem.Status);
        var errors = problem.Locations;
        Assert.Equal(["$.partnerRelations", "$.specialCategories"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["$.partnerRelations", "$.specialCategories"], errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("专项条件类别“科技创新”仍被1 份 2024 年度申报使用", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("合作关系“下游”仍被1 份 2024 年度申报使用", StringComparison.Ordinal));
        Assert.Equal(1, await VersionCountAsync(admin, 2024));

        // 2025 has no applications yet: the same removal is its own business.
        var next = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2025"))!;
        next["specialCategories"]!.AsArray().Remove(Entry(next, "specialCategories", "key", "科技创新"));
        next["partnerRelations"]!.AsArray().Remove(Entry(next, "partnerRelations", "name", "配套协作"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2025", RoundListsApiTests.Json(next))).StatusCode);
        var categories = await admin.GetFromJsonAsync<JsonElement>("/api/rounds/2025/lists/specialCategories"); // a draft: administrators only
        Assert.DoesNotContain("科技创新", categories.EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(6, (await factory.AnonymousClient().GetFromJsonAsync<JsonElement>("/api/rounds/2024/lists/specialCategories")).GetArrayLength());
    }

    [Fact]
    public async Task AnApplicationInA2024Case_IsCheckedAgainst2024sLists_NotTheNewestYears()
    {
        using var factory = new LeadRunnerFactory();
        var driver = new WorkflowDriver(factory);
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2025"))!;
        settings["partnerRelations"]!.AsArray().Add(new JsonObject { ["name"] = "技术合作" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2025", RoundListsApiTests.Json(settings))).StatusCode);

        var id = await driver.StartRecognitionAsync(year: 2024);
        var user = $"ent.{WorkflowDriver.QingheUscc}";
        var form = await CaseFormData.ApplicationAsync(await factory.ClientFor(user), WorkflowDriver.QingheUscc);
        form["partners"]![0]!["relation"] = "技术合作";
        var refused = await driver.CompleteAsync(user, id, "submit", data: new { partners = form["partners"] });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不在 2024 年度的合作关系名单中", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The page that shows the form asks the case's year for its options.
        var page = await (await factory.ClientFor(user)).GetStringAsync($"/cases/{id}/act/submit");
        Assert.Contains("/api/rounds/2024/lists/partnerRelations?format=options", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/rounds/current/lists/", page, StringComparison.Ordinal);
    }
}

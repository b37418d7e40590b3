using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Enterprises;
using LeadRunner.Tests.Rounds;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Enterprises;

/// <summary>Registration offers and accepts the industries of the current round's list, the one the settings page edits.</summary>
public class RegistrationIndustriesTests
{
    [Fact]
    public async Task AnIndustryAddedAsTraditional_CanBeRegistered_AndGetsTheTraditionalThreshold()
    {
        using var factory = new LeadRunnerFactory();
        var county = await factory.ClientFor("county.130534");
        var clusters = await factory.AnonymousClient().GetFromJsonAsync<EnterprisesApi.ClusterDto[]>("/api/clusters");
        object Request(string uscc) => new
        {
            name = "清河县石材新材料有限公司", uscc = UsccValidator.Complete(uscc), countyCode = "130534",
            clusterId = clusters!.Single(c => c.Name == "清河县羊绒及制品产业集群").Id, industryCategory = "石材",
        };
        var before = await county.PostAsJsonAsync("/api/enterprises", Request("91130534MA0H1C2M"));
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Contains("请从 2024 年度的行业名单中选择行业类别", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(">石材", await county.GetStringAsync("/staff/enterprises/new"), StringComparison.Ordinal);

        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["industries"]!.AsArray().Add(new JsonObject { ["name"] = "石材", ["traditional"] = true });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2024", RoundListsApiTests.Json(settings))).StatusCode);

        Assert.Contains(">石材（传统行业）</option>", await county.GetStringAsync("/staff/enterprises/new"), StringComparison.Ordinal);
        var registered = await county.PostAsJsonAsync("/api/enterprises", Request("91130534MA0H1C2M"));
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        Assert.Equal("石材", (await registered.Content.ReadFromJsonAsync<EnterprisesApi.EnterpriseDto>())!.IndustryCategory);

        // 3.2 % passes for 石材 now that it is traditional (3 %), as it does for 纺织.
        var check = await (await factory.AnonymousClient().PostAsJsonAsync("/api/eligibility/check", new { year = 2024, industry = "石材", revenue = 100_000_000, rdExpense = 3_200_000 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var rd = check.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "rd-ratio");
        Assert.Equal(("pass", "研发投入占比 3.20%，石材属传统行业，门槛 3.00%，符合"), (rd.GetProperty("result").GetString(), rd.GetProperty("explanation").GetString()));
    }
}

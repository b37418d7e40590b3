using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Programmes;
using LeadRunner.Tests.TestHost;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Programmes;

public class ProgrammesApiTests
{
    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Seeded2024_HasTheNoticesValues_AndIsPublic()
    {
        using var factory = new LeadRunnerFactory();
        var settings = JsonNode.Parse(await factory.AnonymousClient().GetStringAsync("/api/programmes/2024"))!;
        Assert.Equal("2024-09-12", settings["deadlines"]!["city"]!.GetValue<string>());
        Assert.Equal(5, settings["publicityWorkingDays"]!.GetValue<int>());
        Assert.Equal(3.5m, settings["rdThreshold"]!.GetValue<decimal>());
        Assert.Equal(3.0m, settings["rdThresholdTraditional"]!.GetValue<decimal>());
        Assert.Equal(["钢铁", "建材", "轻工", "纺织", "食品", "化工"],
            settings["industries"]!.AsArray().Where(i => i!["traditional"]!.GetValue<bool>()).Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal(14, settings["industries"]!.AsArray().Count);
        Assert.Equal(["上游", "下游", "配套协作"], settings["partnerRelations"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal("万元", settings["moneyUnit"]!.GetValue<string>());
        Assert.Equal(3, settings["minPartners"]!.GetValue<int>());
        Assert.Equal(6, settings["specialCategories"]!.AsArray().Count);
        Assert.Equal(5000000m, settings["support"]!["equipmentSubsidyCap"]!.GetValue<decimal>());
        Assert.Equal(15, settings["quarterlyUpdate"]!["calendarDaysAfterQuarterEnd"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await factory.AnonymousClient().GetAsync("/api/programmes/1999")).StatusCode);
    }

    [Fact]
    public async Task Put_Valid_MakesANewVersion_AndTheEngineSeesIt()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["publicityWorkingDays"] = 7;
        var saved = await admin.PutAsync("/api/programmes/2024?note=公示延长", Json(settings));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (await saved.Content.ReadFromJsonAsync<ProgrammesApi.ProgrammeDto>())!.Version);
        Assert.Equal(7, JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!["publicityWorkingDays"]!.GetValue<int>());
        Assert.Equal(5, JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024/versions/1"))!["publicityWorkingDays"]!.GetValue<int>());
        var versions = await admin.GetFromJsonAsync<ProgrammesApi.VersionDto[]>("/api/programmes/2024/versions");
        Assert.Equal("公示延长", versions![0].Note);
    }

    [Theory]
    [InlineData("rdThreshold", "-1", "$.rdThreshold")]
    [InlineData("publicityWorkingDays", "0", "$.publicityWorkingDays")]
    [InlineData("year", "2023", "$.year")]
    [InlineData("rdThresholdTraditional", "4.5", "$.rdThresholdTraditional")]
    public async Task Put_Invalid_Returns400AtThePlace_AndChangesNothing(string field, string value, string path)
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings[field] = JsonNode.Parse(value);
        var response = await admin.PutAsync("/api/programmes/2024", Json(settings));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ArtifactProblem>();
        Assert.Equal("设置有误，未保存", problem!.Title);
        var error = Assert.Single(problem.Locations, e => e.Path == path);
        Assert.True(error.Line >= 1 && error.Column >= 1);
        Assert.Equal([error.Message], problem.Errors[path]);
        var versions = await admin.GetFromJsonAsync<ProgrammesApi.VersionDto[]>("/api/programmes/2024/versions");
        Assert.Single(versions!);
    }

    [Fact]
    public async Task Put_DeadlinesOutOfOrder_AreRefused()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["deadlines"]!["county"] = "2024-09-20";
        var response = await admin.PutAsync("/api/programmes/2024", Json(settings));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不能早于县级审核截止日期", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyTo_OpensTheNextYearWithDatesMovedOn_AndCompareShowsWhatChanged()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var copy = await admin.PostAsync("/api/programmes/2024/copy-to/2025", null);
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2025"))!;
        Assert.Equal(2025, settings["year"]!.GetValue<int>());
        Assert.Equal("2025-09-12", settings["deadlines"]!["city"]!.GetValue<string>());
        Assert.Equal("2025-08-28", settings["noticeDate"]!.GetValue<string>());
        Assert.StartsWith("2025年度", settings["title"]!.GetValue<string>(), StringComparison.Ordinal);

        settings["rdThreshold"] = 4.0;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/programmes/2025", Json(settings))).StatusCode);
        var differences = await admin.GetFromJsonAsync<VersionChange[]>("/api/programmes/compare?a=2024&b=2025");
        Assert.Contains(differences!, d => d.Path == "$.rdThreshold" && d.Before == "3.5" && d.After == "4");
        Assert.Contains(differences!, d => d.Path == "$.deadlines.city");

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/programmes/2019/copy-to/2026", null)).StatusCode);
    }

    [Fact]
    public async Task Writes_AreForAdministratorsOnly()
    {
        using var factory = new LeadRunnerFactory();
        var province = await factory.ClientFor("province");
        var settings = JsonNode.Parse(await province.GetStringAsync("/api/programmes/2024"))!;
        Assert.Equal(HttpStatusCode.Forbidden, (await province.PutAsync("/api/programmes/2024", Json(settings))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await province.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().PutAsync("/api/programmes/2024", Json(settings))).StatusCode);
    }

    [Fact]
    public async Task AdminPage_EditsAYear_AndShowsErrorsInChinese()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var html = await admin.GetStringAsync("/admin/programmes?year=2024");
        Assert.Contains("2024-09-12", html, StringComparison.Ordinal);
        Assert.Contains("专精特新“小巨人”企业", html, StringComparison.Ordinal);

        var token = LeadRunner.Tests.Enterprises.EnterpriseRegistrationTests.AntiforgeryToken(html);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Form.Title"] = "2024年度河北省特色产业集群“领跑者”企业认定", ["Form.NoticeDate"] = "2024-08-28",
            ["Form.CityDeadline"] = "2024-09-12", ["Form.PublicityWorkingDays"] = "5", ["Form.RdThreshold"] = "3.5", ["Form.RdThresholdTraditional"] = "3",
            ["Form.PartnerRelations[0].Name"] = "上游", ["Form.PartnerRelations[1].Name"] = "下游", ["Form.MoneyUnit"] = "元", ["Form.MinPartners"] = "4",
            ["Form.Categories[0].Key"] = "科技创新", ["Form.Categories[0].Title"] = "科技创新发展", ["Form.Categories[0].Items"] = "省级及以上企业技术中心\n专精特新“小巨人”企业",
            ["Form.EquipmentSubsidyRate"] = "20", ["Form.EquipmentSubsidyCap"] = "5000000", ["Form.MergerReward"] = "1000000",
            ["Form.MilestoneRevenue1"] = "5000000000", ["Form.MilestoneReward1"] = "1000000", ["Form.MilestoneRevenue2"] = "10000000000", ["Form.MilestoneReward2"] = "2000000",
            ["Form.Top500Reward"] = "1000000", ["Form.QuarterlyDays"] = "15", ["Form.ListedWorkingDays"] = "5", ["Form.ReReviewYears"] = "3",
            ["Form.ContactPerson"] = "张阳", ["Form.ContactPhone"] = "0311—87903827", ["Form.ContactAddress"] = "石家庄市新华区和平西路 402 号", ["Note"] = "合作企业改为 4 家",
        };
        // Every industry stays: enterprises and clusters use most of them.
        var industries = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!["industries"]!.AsArray();
        for (var i = 0; i < industries.Count; i++)
        {
            fields[$"Form.Industries[{i}].Name"] = industries[i]!["name"]!.GetValue<string>();
            fields[$"Form.Industries[{i}].Traditional"] = industries[i]!["traditional"]!.GetValue<bool>() ? "true" : "false";
        }
        var ok = await admin.PostAsync("/admin/programmes?year=2024&handler=Save", new FormUrlEncodedContent(fields));
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        Assert.Equal(4, JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!["minPartners"]!.GetValue<int>());

        fields["Form.PublicityWorkingDays"] = "";
        fields["__RequestVerificationToken"] = LeadRunner.Tests.Enterprises.EnterpriseRegistrationTests.AntiforgeryToken(await ok.Content.ReadAsStringAsync());
        var bad = await admin.PostAsync("/admin/programmes?year=2024&handler=Save", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("公示工作日数", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("设置有误", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

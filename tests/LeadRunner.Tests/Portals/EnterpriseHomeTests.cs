using System.Net;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Portals;

public class EnterpriseHomeTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string Qinghe = "ent.91130534MA0CQH1106";

    private static async Task<HttpResponseMessage> ApplyAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/portal");
        return await client.PostAsync("/portal?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(page),
        }));
    }

    [Fact]
    public async Task Apply_StartsTheYearsRecognitionCase_ThenListsItAndOffersNoSecond()
    {
        var client = await factory.ClientFor(Qinghe);
        var before = await client.GetStringAsync("/portal");
        Assert.Contains("在线申报 2024 年度", before, StringComparison.Ordinal);

        var response = await ApplyAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/cases/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var after = await client.GetStringAsync("/portal");
        Assert.Contains("企业填报申报材料", after, StringComparison.Ordinal);
        Assert.DoesNotContain("在线申报 2024 年度", after, StringComparison.Ordinal);

        var again = await ApplyAsync(client);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("本年度申报已在办理中", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_ListsOnlyTheEnterprisesOwnCases()
    {
        var xiong = await factory.ClientFor("ent.91130638MA0FB9N1XF");
        await ApplyAsync(xiong);
        var qinghe = await factory.ClientFor(Qinghe);
        await ApplyAsync(qinghe);
        var cases = (await qinghe.GetStringAsync("/portal")).Split("本企业的申报与备案")[1];
        Assert.Contains("清河县恒嘉羊绒制品有限公司", cases, StringComparison.Ordinal);
        Assert.DoesNotContain("雄县新宇塑料包装有限公司", cases, StringComparison.Ordinal);
    }
}

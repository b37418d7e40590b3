using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Publicity;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Publicity;

/// <summary>
/// The round's collective acts through the API, on the working-day calendar: one 公示 per batch, real-name objections
/// only inside its window, the province's decisions, and the final list that authorises only what may be authorised.
/// </summary>
public class RoundActsTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private const string Qinghe = "清河县恒嘉羊绒制品有限公司";
    private const string Xiong = "雄县新宇塑料包装有限公司";
    private readonly WorkflowDriver _drive = new(factory);

    private static object Individual(string enterprise, string idNumber = "11010519491231002X") => new
    {
        objectorType = "个人", name = "李明", idNumber, phone = "13800138000", enterprise,
        facts = "该企业上年度发生过环境污染事故，被生态环境部门处罚，不符合认定条件，请予核查。",
    };

    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
    }

    [Fact]
    public async Task Batch_Objections_Decisions_AndTheFinalList_FollowTheGuideline()
    {
        factory.FakeClock.SetUtcNow(WorkflowFactory.Start);
        var qinghe = await _drive.ToShortlistAsync();
        var xiong = await _drive.ToShortlistAsync(WorkflowDriver.XiongUscc, "county.130638", "city.133100");

        // Only the province's publishers announce; a batch names only cases waiting for it.
        var county = await factory.ClientFor("county.130534");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync("/api/rounds/2024/publicity", new { caseIds = new[] { qinghe } })).StatusCode);
        var province = await factory.ClientFor("province");
        var wrong = await province.PostAsJsonAsync("/api/rounds/2024/publicity", new { caseIds = new[] { qinghe, 999_999L } });
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Contains("案件 999999 不属于 2024 年度或不存在", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("shortlisted", (await _drive.InstanceAsync(qinghe)).CurrentStep);

        var publicity = await _drive.PublishPublicityAsync(qinghe, xiong);
        var id = publicity["id"]!.GetValue<int>();
        Assert.Equal(("2024-09-03", "2024-09-09"), (publicity["start"]!.GetValue<string>(), publicity["end"]!.GetValue<string>()));
        var page = await factory.AnonymousClient().GetStringAsync(publicity["url"]!.GetValue<string>());
        Assert.Contains(Qinghe, page, StringComparison.Ordinal);
        Assert.Contains("公示期：2024年9月3日至2024年9月9日（5个工作日）", page, StringComparison.Ordinal);
        Assert.Contains(">未开始<", page, StringComparison.Ordinal);

        // Before the window: refused, whatever the content.
        var visitor = factory.AnonymousClient();
        var early = await visitor.PostAsJsonAsync($"/api/publicity/{id}/objections", Individual(Xiong));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("现不在公示期内", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 3, 10, 0, 0, China));
        Assert.Contains("idNumber", (await ErrorsAsync(await visitor.PostAsJsonAsync($"/api/publicity/{id}/objections", Individual(Xiong, "110105194912310021")))).Select(e => e.Key));
        Assert.Contains("不在本批公示名单中", (await ErrorsAsync(await visitor.PostAsJsonAsync($"/api/publicity/{id}/objections", Individual("某某有限公司"))))["enterprise"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var organisation = await ErrorsAsync(await visitor.PostAsJsonAsync($"/api/publicity/{id}/objections", new
        {
            objectorType = "单位", organisation = "某行业协会", name = "王芳", phone = "0311-87801234", enterprise = Xiong,
            facts = "该企业申报的合作企业数量与实际不符，请予核查处理。",
        }));
        Assert.Equal(["attachments"], organisation.Select(e => e.Key));

        var first = await visitor.PostAsJsonAsync($"/api/publicity/{id}/objections", Individual(Xiong));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("YY202409030001", (await first.Content.ReadFromJsonAsync<JsonObject>())!["receipt"]!.GetValue<string>());
        var second = await visitor.PostAsJsonAsync($"/api/publicity/{id}/objections", Individual(WorkflowDriver.QingheUscc));
        Assert.Equal("YY202409030002", (await second.Content.ReadFromJsonAsync<JsonObject>())!["receipt"]!.GetValue<string>());

        // Objectors' personal data is the province's alone.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("county.130534")).GetAsync($"/api/publicity/{id}/objections")).StatusCode);
        province = await factory.ClientFor("province");
        var queue = (await province.GetFromJsonAsync<JsonArray>($"/api/publicity/{id}/objections"))!;
        Assert.Equal([Xiong, Qinghe], queue.Select(o => o!["enterprise"]!.GetValue<string>()));
        Assert.All(queue, o => Assert.Equal("待核查", o!["status"]!.GetValue<string>()));

        // Upheld: the case leaves the list at once, and the enterprise is told.
        Assert.Equal("comment", (await ErrorsAsync(await province.PostAsJsonAsync("/api/objections/YY202409030001/decision", new { outcome = "upheld" }))).Single().Key);
        var upheld = await province.PostAsJsonAsync("/api/objections/YY202409030001/decision", new { outcome = "upheld", comment = "经核查，该企业2023年受到环保处罚属实。" });
        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);
        var rejected = await _drive.InstanceAsync(xiong);
        Assert.Equal(("completed", "rejected"), (rejected.Status, rejected.Outcome));
        Assert.Equal("uphold", rejected.Journal[^1].Action);
        Assert.Equal(HttpStatusCode.Conflict, (await province.PostAsJsonAsync("/api/objections/YY202409030001/decision", new { outcome = "dismissed", comment = "改判" })).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            Assert.True(await db.Notifications.AnyAsync(n => n.InstanceId == xiong && n.Title == "公示异议成立" && n.Message.Contains("YY202409030001")));
        }

        // After the window, with one objection still open: not yet; and objections are no longer taken.
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 10, 9, 0, 0, China));
        province = await factory.ClientFor("province");
        var late = await factory.AnonymousClient().PostAsJsonAsync($"/api/publicity/{id}/objections", Individual(Qinghe));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var list = new { caseIds = new[] { qinghe, xiong }, documentNumber = "冀工信集群〔2024〕12号" };
        var blocked = await province.PostAsJsonAsync("/api/rounds/2024/final-list", list);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var reasons = await blocked.Content.ReadAsStringAsync();
        Assert.Contains($"{Qinghe}：有 1 件异议尚未处理", reasons, StringComparison.Ordinal);
        Assert.Contains($"{Xiong}：不在公示环节", reasons, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await province.PutAsJsonAsync("/api/objections/YY202409030002/investigation", new { note = "已电话联系异议人并调取处罚记录，处罚对象为同名的另一家企业。" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync("/api/objections/YY202409030002/decision", new { outcome = "dismissed", comment = "处罚对象并非该企业，异议不成立。" })).StatusCode);
        var published = await province.PostAsJsonAsync("/api/rounds/2024/final-list", new { caseIds = new[] { qinghe }, documentNumber = "冀工信集群〔2024〕12号", date = "2024-09-10" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var url = (await published.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>();

        var approved = await _drive.InstanceAsync(qinghe);
        Assert.Equal("approved", approved.Outcome);
        // A certificate, not a plain page: framed, numbered by its verification code, with a place for the seal.
        var code = approved.Variables!["certificate"]!["code"]!.GetValue<string>();
        var download = await (await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}")).GetByteArrayAsync(approved.Variables["certificate"]!["downloadPath"]!.GetValue<string>());
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(download), false))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            Assert.Contains($"证书编号：冀集群领跑〔2024〕{code}号", body.InnerText, StringComparison.Ordinal);
            Assert.Contains(Qinghe, body.InnerText, StringComparison.Ordinal);
            Assert.Contains("（盖章处）", body.InnerText, StringComparison.Ordinal);
            Assert.NotNull(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.PageBorders>().SingleOrDefault());
        }
        var listPage = await factory.AnonymousClient().GetStringAsync(url);
        Assert.Contains(Qinghe, listPage, StringComparison.Ordinal);
        Assert.Contains("冀工信集群〔2024〕12号", listPage, StringComparison.Ordinal);
        Assert.DoesNotContain(Xiong, listPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvincePages_ShowTheActs_AndOthersAreKeptOut()
    {
        var id = await _drive.ToShortlistAsync();
        var province = await factory.ClientFor("province");
        // The class's other test moves the clock from Monday 09-02 to Tuesday 09-10; either way tomorrow is a working day.
        var tomorrow = DateOnly.FromDateTime(factory.FakeClock.GetUtcNow().ToOffset(China).DateTime).AddDays(1);
        var acts = await province.GetStringAsync("/rounds/2024/publicity");
        Assert.Contains($"value=\"{id}\"", acts, StringComparison.Ordinal);
        Assert.Contains("待发布公示", acts, StringComparison.Ordinal);
        Assert.Contains($"id=\"publicity-start\" name=\"start\" value=\"{tomorrow:yyyy-MM-dd}\"", acts, StringComparison.Ordinal);
        Assert.Contains("/rounds/2024/publicity", await province.GetStringAsync("/staff"), StringComparison.Ordinal);
        // The case page sends the officer to the batch instead of offering the 公示 for one case.
        var casePage = await province.GetStringAsync($"/cases/{id}");
        Assert.Contains("本环节的“发布公示”在<a href=\"/rounds/2024/publicity\">", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"publicize\"", casePage, StringComparison.Ordinal);
        Assert.Contains("value=\"return\"", casePage, StringComparison.Ordinal);
        foreach (var path in new[] { "/rounds/2024/publicity", "/rounds/2024/objections" })
        {
            var city = await factory.ClientFor("city.130500");
            Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync(path)).StatusCode);
        }
    }
}

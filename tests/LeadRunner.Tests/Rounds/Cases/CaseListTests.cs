using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Rounds.Cases;

/// <summary>The round's work list (API, Excel, page): every filter, search, order and page, and each office's region only.</summary>
public class CaseListTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string Seeder = "case-list-test";
    private const string Qinghe = "91130534MA0CQH1106";   // 清河县 → 邢台市 130500
    private const string Shahe = "91130582MA0HP3W19U";    // 沙河市 → 邢台市 130500
    private const string Xiong = "91130638MA0FB9N1XF";    // 雄县 → 雄安新区 133100

    /// <summary>
    /// Four cases of the 2024 round: 清河 at county review with an overdue task (the clock is 2024-09-02), 沙河 at city
    /// review failing the conditions, 雄县 at province review without a verdict, 清河 again rejected; and one 雄县 case
    /// outside any round, which no list shows.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        if (await db.WorkflowInstances.AnyAsync(i => i.StartedBy == Seeder))
        {
            return;
        }
        var version = (await DefinitionCache.CurrentVersionAsync(db, "recognition"))!.Value;
        var enterprises = await db.Enterprises.Include(e => e.County).Where(e => e.Uscc == Qinghe || e.Uscc == Shahe || e.Uscc == Xiong).ToDictionaryAsync(e => e.Uscc);
        var start = WorkflowFactory.Start.AddDays(-10);
        void Add(string uscc, string step, bool? eligible, int? round = 2024, string? taskRole = null, DateTimeOffset? due = null, string? outcome = null)
        {
            var e = enterprises[uscc];
            var variables = new JsonObject { ["year"] = 2024 };
            if (eligible is { } verdict)
            {
                variables["eligibility"] = new JsonObject { ["eligible"] = verdict, ["settingsVersion"] = 1, ["rules"] = new JsonArray() };
            }
            var instance = new WorkflowInstance
            {
                DefinitionId = "recognition", Version = version, RoundYear = round, Title = e.Name, EnterpriseId = e.Id, CurrentStep = step,
                StartedBy = Seeder, StartedAt = start, StepEnteredAt = start, VariablesJson = variables.ToJsonString(),
                Status = outcome is null ? InstanceStatus.Running : InstanceStatus.Completed, Outcome = outcome,
            };
            db.WorkflowInstances.Add(instance);
            db.SaveChanges();
            db.Journal.Add(new JournalEntry { InstanceId = instance.Id, At = start, Actor = Seeder, FromStep = "submission", ToStep = "countyReview", Action = "submit", ActionLabel = "提交申报" });
            if (taskRole is not null)
            {
                db.Tasks.Add(new HumanTask
                {
                    InstanceId = instance.Id, StepId = step, Title = step, Role = taskRole, CreatedAt = start, DueAt = due,
                    CountyCode = taskRole == "county" ? e.CountyCode : null, UnitCode = taskRole == "city" ? e.County!.UnitCode : null,
                });
            }
        }
        Add(Qinghe, "countyReview", true, taskRole: "county", due: WorkflowFactory.Start.AddDays(-1));
        Add(Shahe, "cityReview", false, taskRole: "city", due: WorkflowFactory.Start.AddDays(10));
        Add(Xiong, "provinceReview", null, taskRole: "province");
        Add(Qinghe, "rejected", true, outcome: "rejected");
        Add(Xiong, "countyReview", true, round: null);
        await db.SaveChangesAsync();
    }

    private async Task<(int Total, List<string> Names, List<JsonObject> Items)> ListAsync(string user, string query = "")
    {
        await SeedAsync();
        var client = await factory.ClientFor(user);
        var body = (await client.GetFromJsonAsync<JsonObject>($"/api/rounds/2024/cases{query}"))!;
        var items = body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        return (body["total"]!.GetValue<int>(), items.Select(i => $"{i["enterprise"]!["name"]}@{i["step"]}").ToList(), items);
    }

    [Fact]
    public async Task Province_SeesTheRoundsCases_AndEachFilterNarrowsThem()
    {
        var all = await ListAsync("province", "?sort=step");
        Assert.Equal(4, all.Total);
        Assert.Equal(["清河县恒嘉羊绒制品有限公司@countyReview", "沙河市华晶玻璃有限公司@cityReview", "雄县新宇塑料包装有限公司@provinceReview", "清河县恒嘉羊绒制品有限公司@rejected"], all.Names);
        var first = all.Items[0];
        Assert.Equal("130500", first["unitCode"]!.GetValue<string>());
        Assert.Equal("130534", first["countyCode"]!.GetValue<string>());
        Assert.Equal("running", first["status"]!.GetValue<string>());
        Assert.True(first["eligible"]!.GetValue<bool>());
        Assert.NotNull(first["dueAt"]);

        Assert.Equal(["沙河市华晶玻璃有限公司@cityReview"], (await ListAsync("province", "?step=cityReview")).Names);
        Assert.Equal(3, (await ListAsync("province", "?unit=130500")).Total);
        Assert.Equal(["沙河市华晶玻璃有限公司@cityReview"], (await ListAsync("province", "?county=130582")).Names);
        Assert.Equal(["清河县恒嘉羊绒制品有限公司@rejected"], (await ListAsync("province", "?status=rejected")).Names);
        Assert.Equal(["沙河市华晶玻璃有限公司@cityReview"], (await ListAsync("province", "?eligible=false")).Names);
        Assert.Equal(["雄县新宇塑料包装有限公司@provinceReview"], (await ListAsync("province", "?eligible=unknown")).Names);
        Assert.Equal(["清河县恒嘉羊绒制品有限公司@countyReview"], (await ListAsync("province", "?overdue=true")).Names);
        Assert.Equal(["清河县恒嘉羊绒制品有限公司@countyReview"], (await ListAsync("province", "?overdue=true&eligible=true&unit=130500")).Names);

        // Search by part of the name, or by part of the credit code in any case.
        Assert.Equal(["沙河市华晶玻璃有限公司@cityReview"], (await ListAsync("province", "?q=%E5%8D%8E%E6%99%B6")).Names);
        Assert.Equal(2, (await ListAsync("province", "?q=ma0cqh")).Total);

        var page = await ListAsync("province", "?sort=-dueAt&pageSize=2&page=2");
        Assert.Equal(4, page.Total);
        Assert.Equal(["清河县恒嘉羊绒制品有限公司@rejected", "雄县新宇塑料包装有限公司@provinceReview"], page.Names);
    }

    [Theory]
    [InlineData("county.130534", 2, "清河县恒嘉羊绒制品有限公司")]
    [InlineData("city.130500", 3, null)]
    [InlineData("city.133100", 1, "雄县新宇塑料包装有限公司")]
    public async Task Offices_SeeOnlyTheirOwnRegion(string user, int expected, string? onlyName)
    {
        var list = await ListAsync(user);

        Assert.Equal(expected, list.Total);
        if (onlyName is not null)
        {
            Assert.All(list.Items, i => Assert.Equal(onlyName, i["enterprise"]!["name"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Enterprise_IsForbidden_AndUnknownOrOutOfScopeValuesAre400NamingTheParameter()
    {
        await SeedAsync();
        var enterprise = await factory.ClientFor($"ent.{Qinghe}");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/rounds/2024/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/rounds/2024/cases.xlsx")).StatusCode);

        var county = await factory.ClientFor("county.130534");
        foreach (var (query, field) in new[] { ("step=nope", "step"), ("unit=133100", "unit"), ("pageSize=201", "pageSize"), ("sort=owner", "sort"), ("overdue=yes", "overdue") })
        {
            var response = await county.GetAsync($"/api/rounds/2024/cases?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"{query} 应指出 {field}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/rounds/1999/cases")).StatusCode);
    }

    [Fact]
    public async Task Export_IsAWorkbookOfExactlyTheFilteredRows()
    {
        await SeedAsync();
        var client = await factory.ClientFor("province");

        var response = await client.GetAsync("/api/rounds/2024/cases.xlsx?eligible=true&unit=130500&sort=step");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LeadRunner.Hosting.XlsxSheet.ContentType, response.Content.Headers.ContentType!.MediaType);
        var rows = ReadRows(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["企业名称", "统一社会信用代码", "报送单位", "县（市、区）", "当前环节", "状态", "认定条件", "办理期限"], rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["清河县恒嘉羊绒制品有限公司", Qinghe, "邢台市", "清河县", "县级工信部门审核", "办理中", "符合", "2024-09-01"], rows[1]);
        Assert.Equal("未通过", rows[2][5]);
    }

    [Fact]
    public async Task Page_ShowsFilterChoicesByName_AndTheExportLinkCarriesTheFilter()
    {
        await SeedAsync();
        var client = await factory.ClientFor("province");

        var pageResponse = await client.GetAsync("/rounds/2024/cases?step=cityReview&q=%E6%B2%99%E6%B2%B3");
        var html = await pageResponse.Content.ReadAsStringAsync();
        Assert.True(pageResponse.IsSuccessStatusCode, html);

        Assert.Contains("沙河市华晶玻璃有限公司", html, StringComparison.Ordinal);
        Assert.DoesNotContain("雄县新宇塑料包装有限公司", html, StringComparison.Ordinal);
        Assert.Contains(">雄安新区</option>", html, StringComparison.Ordinal);
        Assert.Contains(">市级工信部门审核推荐</option>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/rounds/2024/cases.xlsx?step=cityReview&amp;q=", html, StringComparison.Ordinal);
        var bad = await client.GetAsync("/rounds/2024/cases?step=nope");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("环节（step）“nope”不存在", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static List<List<string>> ReadRows(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
    }
}

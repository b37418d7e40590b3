using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Holders.Support;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadRunner.Tests.Holders.Support.SupportClaimSamples;

namespace LeadRunner.Tests.Holders.Support;

/// <summary>
/// A real holder (清河, made through its recognition case) claims, is returned for correction, and is approved by
/// county, city and province; the claim then stands in the ledger of the region's staff only, and in the province's
/// Excel export. One case for the whole story, built once.
/// </summary>
public sealed class SupportClaimReviewTests(SupportClaimReviewTests.Story story) : IClassFixture<SupportClaimReviewTests.Story>
{
    private const string Uscc = WorkflowDriver.QingheUscc;

    public sealed class Story : IAsyncLifetime
    {
        public WorkflowFactory Factory { get; } = new();
        public long CaseId { get; private set; }
        public long ClaimId { get; private set; }
        public JsonObject Created { get; private set; } = null!;
        public HttpResponseMessage ResubmitWithoutFiles { get; private set; } = null!;
        public HttpResponseMessage RejectWithoutComment { get; private set; } = null!;
        public List<string> StepsSeen { get; } = [];

        public async Task InitializeAsync()
        {
            var driver = new WorkflowDriver(Factory);
            await driver.ToHolderAsync(Uscc); // the clock is now 2024-09-10
            var enterprise = await Factory.ClientFor($"ent.{Uscc}");
            Created = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "equipment", equipmentInvestment = 10_000_000m, description = "2023 年购置数控纺纱设备" });
            CaseId = Created["caseId"]!.GetValue<long>();
            ClaimId = Created["claimId"]!.GetValue<long>();
            StepsSeen.Add((await driver.InstanceAsync(CaseId)).CurrentStep);

            // The county returns it: the enterprise corrects the investment (and must still attach evidence).
            await driver.CompleteOkAsync("county.130534", CaseId, "return", "请按发票金额填写设备投入。");
            StepsSeen.Add((await driver.InstanceAsync(CaseId)).CurrentStep);
            var taskId = await driver.TaskIdAsync($"ent.{Uscc}", CaseId);
            var corrected = new JsonObject { ["kind"] = "equipment", ["equipmentInvestment"] = 12_500_000m };
            ResubmitWithoutFiles = await enterprise.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "submit", data = corrected });
            corrected["evidenceFiles"] = await CaseFormData.FilesAsync(enterprise, "设备发票.pdf");
            var resubmitted = await enterprise.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "submit", data = corrected });
            Assert.True(resubmitted.IsSuccessStatusCode, await resubmitted.Content.ReadAsStringAsync());
            StepsSeen.Add((await driver.InstanceAsync(CaseId)).CurrentStep);

            await driver.CompleteOkAsync("county.130534", CaseId, "approve");
            await driver.CompleteOkAsync("city.130500", CaseId, "approve");
            StepsSeen.Add((await driver.InstanceAsync(CaseId)).CurrentStep);
            RejectWithoutComment = await driver.CompleteAsync("province", CaseId, "reject");
            Factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 20, 10, 0, 0, TimeSpan.FromHours(8)));
            await driver.CompleteOkAsync("province", CaseId, "approve");
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task ReviewChain_CountyCityProvince_ApprovesTheCorrectedClaim_AndRecordsTheGrantInTheHoldersHistory()
    {
        Assert.Equal(["countyReview", "claim", "countyReview", "provinceReview"], story.StepsSeen);
        Assert.Equal(2_000_000m, story.Created["amount"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.BadRequest, story.ResubmitWithoutFiles.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, story.RejectWithoutComment.StatusCode);

        var claim = Assert.Single(await ClaimsOfAsync(story.Factory, Uscc));
        // Corrected in place: the same claim, its amount recomputed from the new figure.
        Assert.Equal((story.ClaimId, 2_500_000m, ClaimStatus.Approved), (claim.Id, claim.Amount, claim.Status));
        Assert.Equal("上年度设备投入 1,250.00 万元 × 20% = 250.00 万元，未超过上限 500.00 万元，按 250.00 万元补助", claim.Explanation);
        Assert.Equal(new DateTimeOffset(2024, 9, 20, 10, 0, 0, TimeSpan.FromHours(8)), claim.DecidedAt);
        Assert.Equal(("equipment:2024", 2024), (claim.OnceKey, claim.Year));

        var instance = await new WorkflowDriver(story.Factory).InstanceAsync(story.CaseId);
        Assert.Equal(("completed", "approved", "approved"), (instance.Status, instance.Outcome, instance.CurrentStep));
        await using var scope = story.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var granted = await db.HolderEvents.SingleAsync(e => e.Kind == HolderEventKind.SupportGranted);
        Assert.Equal($"2024 年度支持资金申请（申请编号 {story.ClaimId}）核准：设备更新补助 250.00 万元。", granted.Text);
        Assert.Equal(("province", false, claim.HolderId), (granted.By, granted.Public, granted.HolderId));
        var told = await db.Notifications.IgnoreQueryFilters().Where(n => n.InstanceId == story.CaseId && n.Role == "enterprise").Select(n => n.Title).ToListAsync();
        Assert.Equal(["支持资金申请被退回修改", "支持资金申请已核准"], told);
    }

    [Fact]
    public async Task Ledger_ListsTheClaimForTheRegionsStaffOnly()
    {
        async Task<List<long>> IdsAsync(string user) =>
            [.. (await (await story.Factory.ClientFor(user)).GetFromJsonAsync<JsonArray>("/api/support-claims?year=2024"))!.Select(c => c!["id"]!.GetValue<long>())];

        foreach (var user in new[] { "province", "city.130500", "county.130534", $"ent.{Uscc}" })
        {
            Assert.Equal([story.ClaimId], await IdsAsync(user));
        }
        foreach (var user in new[] { "county.130638", "city.133100", $"ent.{WorkflowDriver.XiongUscc}" })
        {
            Assert.Empty(await IdsAsync(user));
        }
        var province = await story.Factory.ClientFor("province");
        var row = (await province.GetFromJsonAsync<JsonArray>("/api/support-claims?kind=equipment&status=approved"))!.Single()!;
        Assert.Equal((Uscc, "130534", "130500", 2_500_000m, story.CaseId), (row["uscc"]!.GetValue<string>(), row["countyCode"]!.GetValue<string>(),
            row["unitCode"]!.GetValue<string>(), row["amount"]!.GetValue<decimal>(), row["caseId"]!.GetValue<long>()));
        Assert.Empty((await province.GetFromJsonAsync<JsonArray>("/api/support-claims?status=pending"))!);
        var bad = await province.GetAsync("/api/support-claims?kind=bonus&status=paid");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("申请类别“bonus”不存在", await ProblemAsync(bad), StringComparison.Ordinal);
        Assert.Contains("状态“paid”不存在", await ProblemAsync(await province.GetAsync("/api/support-claims?status=paid")), StringComparison.Ordinal);

        // The staff page: reachable from the workbench, scoped the same way, with the totals.
        var workbench = await (await story.Factory.ClientFor("county.130638")).GetStringAsync("/staff");
        Assert.Contains("href=\"/staff/support-claims\"", workbench, StringComparison.Ordinal);
        var elsewhere = new HtmlParser().ParseDocument(await (await story.Factory.ClientFor("county.130638")).GetStringAsync("/staff/support-claims"));
        Assert.Empty(elsewhere.QuerySelectorAll("#ledger tr[data-claim]"));
        Assert.Null(elsewhere.QuerySelector("#export"));
        var page = new HtmlParser().ParseDocument(await province.GetStringAsync("/staff/support-claims?year=2024&kind=equipment"));
        var cells = page.QuerySelector($"#ledger tr[data-claim='{story.ClaimId}']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["清河县恒嘉羊绒制品有限公司", Uscc, "清河县", "邢台市", "2024", "设备更新补助", "250.00 万元", "已核准", "2024-09-10", "2024-09-20"], cells.Skip(1));
        Assert.Contains("已核准 1 项 250.00 万元", page.QuerySelector("#totals")!.TextContent.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("/api/support-claims.xlsx?year=2024&kind=equipment", page.QuerySelector("#export")!.GetAttribute("href"));

        // The case page shows the county what was claimed, with the evidence.
        var casePage = await (await story.Factory.ClientFor("county.130534")).GetStringAsync($"/cases/{story.CaseId}");
        Assert.Contains("上年度设备投入（元）", casePage, StringComparison.Ordinal);
        Assert.Contains("设备发票.pdf", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExcelLedger_HoldsTheClaimUnderChineseHeaders_ForTheProvinceOnly()
    {
        var province = await story.Factory.ClientFor("province");
        var response = await province.GetAsync("/api/support-claims.xlsx?year=2024");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => (c.InnerText, c.DataType?.Value == CellValues.Number)).ToList()).ToList();
        Assert.Equal(SupportLedgerApi.Headers, rows[0].Select(c => c.InnerText));
        Assert.Equal(
            [story.ClaimId.ToString(System.Globalization.CultureInfo.InvariantCulture), "清河县恒嘉羊绒制品有限公司", Uscc, "清河县", "邢台市", "2024", "设备更新补助", "2500000",
                "已核准", "2024-09-10", "2024-09-20", story.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            rows[1].Select((c, i) => i == 7 ? decimal.Parse(c.InnerText, System.Globalization.CultureInfo.InvariantCulture).ToString("0", System.Globalization.CultureInfo.InvariantCulture) : c.InnerText));
        Assert.True(rows[1][7].Item2); // the amount is a number Excel can add up
        Assert.Equal(2, rows.Count);

        foreach (var user in new[] { "county.130534", "city.130500", $"ent.{Uscc}", "admin" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await story.Factory.ClientFor(user)).GetAsync("/api/support-claims.xlsx")).StatusCode);
        }
        await using var scope = story.Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.OrderBy(a => a.Id).LastAsync(a => a.Action == "导出支持资金台账");
        Assert.Equal("province", audit.UserName);
        Assert.Contains("2024 年度，全部类别，全部状态；共 1 条", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnterprisePage_ListsItsClaims_AndIsLinkedFromItsHome()
    {
        var enterprise = await story.Factory.ClientFor($"ent.{Uscc}");
        Assert.Contains("href=\"/portal/support-claims\"", await enterprise.GetStringAsync("/portal"), StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await enterprise.GetStringAsync("/portal/support-claims"));
        var cells = page.QuerySelector($"#my-claims tr[data-claim='{story.ClaimId}']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["2024 年度", "设备更新补助", "250.00 万元", "已核准"], cells.Skip(1).Take(4));
        // Still a valid holder: the form of the open round is offered, with the round's policies.
        Assert.Equal(Uscc, page.QuerySelector("[data-support-claim]")!.GetAttribute("data-uscc"));
        Assert.Contains("\"key\":\"support-claim\"", page.QuerySelector("#form-schema")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("按上年度设备投入的 20% 补助，最高 500.00 万元", page.QuerySelector("#policies")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#claim-closed"));

        // Another enterprise's page shows none of it, and no form: it holds no title.
        var other = new HtmlParser().ParseDocument(await (await story.Factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}")).GetStringAsync("/portal/support-claims"));
        Assert.Empty(other.QuerySelectorAll("#my-claims tr[data-claim]"));
        Assert.Equal("贵企业不是“领跑者”企业，不能申请支持资金。", other.QuerySelector("#claim-closed")!.TextContent.Trim());
        Assert.Null(other.QuerySelector("[data-support-claim]"));
    }
}

using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>The annual round, end to end through the API, with the clock and timers under the test's control.</summary>
public class RecognitionFlowTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private static readonly string[] TechnologyCentre = ["省级及以上企业技术中心"];
    private readonly WorkflowDriver _drive = new(factory);

    private async Task<int> FireDueTimersAsync() => await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync();

    [Fact]
    public async Task FullRound_IsAuthorisedByTheFinalList_OnlyAfterItsFiveWorkingDaysOfPublicity()
    {
        var id = await _drive.ToShortlistAsync(WorkflowDriver.XiongUscc, "county.130638", "city.133100");
        Assert.Equal("shortlisted", (await _drive.InstanceAsync(id)).CurrentStep);
        // Published Monday 2024-09-02: the window starts the next working day, 09-03, and its 5th working day is Monday 09-09.
        var publicity = await _drive.PublishPublicityAsync(id);
        Assert.Equal(("2024-09-03", "2024-09-09"), (publicity["start"]!.GetValue<string>(), publicity["end"]!.GetValue<string>()));
        var atPublicity = await _drive.InstanceAsync(id);
        Assert.Equal("publicity", atPublicity.CurrentStep);
        Assert.Equal(1m, atPublicity.Variables!["cityRank"]!.GetValue<decimal>());
        Assert.Equal(publicity["id"]!.GetValue<int>(), atPublicity.Variables["publicity"]!["id"]!.GetValue<int>());

        var list = new { caseIds = new[] { id }, documentNumber = "冀工信集群〔2024〕12号" };
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 9, 23, 0, 0, TimeSpan.FromHours(8)));
        var province = await factory.ClientFor("province"); // bearer tokens expire with the (fake) clock
        var early = await province.PostAsJsonAsync("/api/rounds/2024/final-list", list);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("雄县新宇塑料包装有限公司：公示期至2024年9月9日，尚未结束", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("publicity", (await _drive.InstanceAsync(id)).CurrentStep);

        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        province = await factory.ClientFor("province");
        var published = await province.PostAsJsonAsync("/api/rounds/2024/final-list", list);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var done = await _drive.InstanceAsync(id);
        Assert.Equal("completed", done.Status);
        Assert.Equal("approved", done.Outcome);
        Assert.Equal(["start", "submit", "approve", "recommend", "shortlist", "publicize", "authorize"], done.Journal.Select(j => j.Action));
        Assert.Equal("冀工信集群〔2024〕12号", done.Variables!["finalList"]!["documentNumber"]!.GetValue<string>());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.True(await db.Notifications.AnyAsync(n => n.InstanceId == id && n.Title == "已认定为“领跑者”企业" && n.EnterpriseId != null));

        // Authorisation issued the certificate (renderDocument effect): its code is in the case and checks publicly.
        var code = done.Variables!["certificate"]!["code"]!.GetValue<string>();
        var issued = await db.Set<LeadRunner.Documents.Issued.IssuedDocument>().SingleAsync(d => d.Code == code);
        Assert.Equal("certificate", issued.TemplateKey);
        Assert.Equal(id, issued.CaseId);
        Assert.Equal(done.Variables["certificate"]!["sha256"]!.GetValue<string>(), issued.Sha256);
        var verify = await factory.AnonymousClient().GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/verify/{code}");
        Assert.Contains("雄县新宇塑料包装有限公司", verify!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.True(await db.Notifications.AnyAsync(n => n.InstanceId == id && n.Message.Contains(code)));

        // Authorisation made the enterprise a holder of the 2024 title, due for re-review three years on (第五条).
        var holder = await db.TitleHolders.Include(h => h.Enterprise).SingleAsync(h => h.InstanceId == id);
        Assert.Equal(("雄县新宇塑料包装有限公司", 2024, LeadRunner.Holders.HolderStatus.Valid, code, new DateOnly(2024, 9, 10), new DateOnly(2027, 9, 10)),
            (holder.Enterprise!.Name, holder.Year, holder.Status, holder.CertificateCode, holder.GrantedOn, holder.ReReviewDueOn));
        Assert.Equal(LeadRunner.Holders.HolderEventKind.Granted, (await db.HolderEvents.SingleAsync(e => e.HolderId == holder.Id)).Kind);

        // The certificate is archived: the enterprise downloads the very file that was issued, as often as it likes.
        var path = done.Variables["certificate"]!["downloadPath"]!.GetValue<string>();
        var enterprise = await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        var first = await enterprise.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", first.Content.Headers.ContentType!.MediaType);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(issued.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.Equal(bytes, await enterprise.GetByteArrayAsync(path));
        Assert.Equal(1, await db.Set<LeadRunner.Documents.Issued.IssuedDocument>().CountAsync(d => d.CaseId == id && d.TemplateKey == "certificate"));
        Assert.Contains(path, await enterprise.GetStringAsync($"/cases/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientFor("county.130638")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientFor("county.130534")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/cases/{id}/issued/ABCDEFGHJK")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync(path)).StatusCode);

        // The certificate names the person who authorised it; every decision and each download is in the audit log.
        Assert.Equal(("province", false), (issued.IssuerUserName, string.IsNullOrEmpty(issued.IssuerName)));
        var audited = await db.AuditEntries.Where(a => a.Subject.StartsWith($"案件 {id}：")).OrderBy(a => a.Id).ToListAsync();
        Assert.All(audited, a => Assert.Equal(LeadRunner.Audit.AuditKinds.Case, a.Kind));
        Assert.Equal(6, audited.Count); // submit, approve, recommend, shortlist, publicize, authorize
        Assert.Equal(($"ent.{WorkflowDriver.XiongUscc}", "办理：提交申报"), (audited[0].UserName, audited[0].Action));
        Assert.Equal(("province", "办理：发布公示", "待发布公示"), (audited[^2].UserName, audited[^2].Action, audited[^2].Before));
        Assert.Equal(("province", "办理：发文授牌", "社会公示"), (audited[^1].UserName, audited[^1].Action, audited[^1].Before));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Kind == LeadRunner.Audit.AuditKinds.Download && a.UserName == $"ent.{WorkflowDriver.XiongUscc}" && a.After!.Contains(code)));
    }

    [Fact]
    public async Task Return_RequiresComment_AndGoesBackToTheEnterprise()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");

        var withoutComment = await _drive.CompleteAsync("county.130534", id, "return");
        Assert.Equal(HttpStatusCode.BadRequest, withoutComment.StatusCode);
        Assert.Contains("须填写意见", await withoutComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("countyReview", (await _drive.InstanceAsync(id)).CurrentStep);

        await _drive.CompleteOkAsync("county.130534", id, "return", "请补充近三年研发费用加计扣除材料");
        var back = await _drive.InstanceAsync(id);
        Assert.Equal("submission", back.CurrentStep);
        Assert.Equal("请补充近三年研发费用加计扣除材料", back.Journal[^1].Comment);
        Assert.Contains((await _drive.InstanceAsync(id)).OpenTasks, t => t.Role == "enterprise");
        Assert.Contains((await _drive.InboxAsync($"ent.{WorkflowDriver.QingheUscc}")).Tasks, t => t.InstanceId == id);
    }

    [Fact]
    public async Task Submit_EvaluatesEligibility_AndKeepsTheSettingsVersionUsed()
    {
        var id = await _drive.StartRecognitionAsync();
        // The driver fills the rest of the application form: three in-cluster partners and a technology centre.
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit", data: new
        {
            inCultivationPool = true, clusterRank = 2, clusterSize = 40, revenue = 12000, rdExpense = 384,
        });
        var eligibility = (await _drive.InstanceAsync(id)).Variables!["eligibility"]!;
        Assert.True(eligibility["eligible"]!.GetValue<bool>());
        Assert.Equal(1, eligibility["settingsVersion"]!.GetValue<int>());
        Assert.Contains(eligibility["rules"]!.AsArray(), r => r!["explanation"]!.GetValue<string>().Contains("纺织", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(360, true)]      // 3.00 %: the 2024 threshold for 纺织 (a traditional industry), met
    [InlineData(359.99, false)]  // 2.9999 %: just under it
    public async Task Submit_AmountsInWanYuan_AreComparedAtTheThreshold_AndExplainedAsSuch(decimal rdExpense, bool passes)
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit", data: new { industry = "纺织", revenue = 12000, rdExpense });

        var rules = (await _drive.InstanceAsync(id)).Variables!["eligibility"]!["rules"]!.AsArray();
        var rd = rules.Single(r => r!["id"]!.GetValue<string>() == "rd-ratio")!;
        Assert.Equal(passes ? EligibilityEvaluator.Pass : EligibilityEvaluator.Fail, rd["result"]!.GetValue<string>());
        Assert.Contains("门槛 3.00%", rd["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        // The amounts read as 万元: 12000 is 1.2 亿元, not 1.20 万元.
        Assert.Contains("上年度营业收入 12,000.00 万元", rules.Single(r => r!["id"]!.GetValue<string>() == "cluster-rank")!["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_GridErrors_NameTheirRow_OnceEach()
    {
        var id = await _drive.StartRecognitionAsync(WorkflowDriver.XiongUscc);
        var partner = new { name = "雄县甲塑料有限公司", uscc = "91130638MA0FB9N1XF", inCluster = true, relation = "上游", content = "原料供应", amount = 120.5m };
        var response = await _drive.CompleteAsync($"ent.{WorkflowDriver.XiongUscc}", id, "submit", data: new
        {
            partners = new object[] { partner, partner with { name = "" }, partner with { name = "", amount = -1m } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["errors"]!.AsObject();
        string[] Messages(string key) => [.. errors[key]!.AsArray().Select(m => m!.GetValue<string>())];
        Assert.Equal(["“合作企业”第 2 行：“企业名称”为必填项。"], Messages("data.partners[1].name"));
        Assert.Equal(["“合作企业”第 3 行：“企业名称”为必填项。"], Messages("data.partners[2].name"));
        Assert.StartsWith("“合作企业”第 3 行：", Assert.Single(Messages("data.partners[2].amount")), StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => e.Key.StartsWith("data.partners[0]", StringComparison.Ordinal));
        var all = errors.SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task Submit_WithoutTheFiguresTheFormRequires_IsRefusedPerFieldAndChangesNothing()
    {
        var bare = await _drive.StartRecognitionAsync(WorkflowDriver.XiongUscc);
        var response = await _drive.CompleteAsync($"ent.{WorkflowDriver.XiongUscc}", bare, "submit", data: new { revenue = (decimal?)null });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Contains("为必填项", problem!["errors"]!["data.revenue"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var instance = await _drive.InstanceAsync(bare);
        Assert.Equal("submission", instance.CurrentStep);
        Assert.Null(instance.Variables!["eligibility"]);
        Assert.Null(instance.Variables!["application"]);
    }

    [Fact]
    public async Task Submit_KeepsTheCheckedApplicationAsACaseVariableAndAFormSubmission()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit", data: new { unknownField = "丢弃" });
        var application = (await _drive.InstanceAsync(id)).Variables!["application"]!;
        Assert.Equal(WorkflowDriver.QingheUscc, application["uscc"]!.GetValue<string>());
        Assert.Null(application["unknownField"]);
        Assert.Null(application["merger"]); // hidden while claimsMerger is false, so not stored

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunner.Data.LeadRunnerDb>();
        var submission = await db.FormSubmissions.IgnoreQueryFilters().SingleAsync(s => s.Subject == $"workflow:{id}");
        Assert.Equal("application", submission.FormKey);
        Assert.Equal(1, submission.FormVersion);
        Assert.True(await db.StoredFiles.AnyAsync(f => f.AttachedTo == $"workflow:{id}"));
    }

    [Fact]
    public async Task Reject_EndsTheCaseRejected()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await _drive.CompleteOkAsync("county.130534", id, "reject", "研发投入占比不足");
        var done = await _drive.InstanceAsync(id);
        Assert.Equal("completed", done.Status);
        Assert.Equal("rejected", done.Outcome);
        Assert.Empty(done.OpenTasks);
    }

    [Fact]
    public async Task Recommend_WithARankBelowOne_IsRefusedAndChangesNothing()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await _drive.CompleteOkAsync("county.130534", id, "approve");
        var refused = await _drive.CompleteAsync("city.130500", id, "recommend", data: new { rank = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.NotNull(problem!["errors"]!["data.rank"]); // the recommendation form's minimum, checked before any step moves
        var still = await _drive.InstanceAsync(id);
        Assert.Equal("cityReview", still.CurrentStep);
        Assert.Single(still.OpenTasks);
    }

    [Fact]
    public async Task PublicityActions_AreRefusedOnTheCasePage_WithWhereToTakeThem()
    {
        var id = await _drive.ToShortlistAsync();
        var refused = await _drive.CompleteAsync("province", id, "publicize");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("按批次发布公示", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("shortlisted", (await _drive.InstanceAsync(id)).CurrentStep);
    }

    [Fact]
    public async Task Start_ByAnotherRole_IsForbidden_AndMissingYearIsRefused()
    {
        var county = await factory.ClientFor("county.130534");
        var forbidden = await county.PostAsJsonAsync("/api/instances", new { workflow = "recognition", enterpriseId = 1, variables = new { year = 2024 } });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var enterprise = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        var noYear = await enterprise.PostAsJsonAsync("/api/instances", new { workflow = "recognition" });
        Assert.Equal(HttpStatusCode.BadRequest, noYear.StatusCode);
        Assert.Contains("认定年度", await noYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await enterprise.PostAsJsonAsync("/api/instances", new { workflow = "no-such-flow", variables = new { year = 2024 } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

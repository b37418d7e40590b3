using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Holders;
using LeadRunner.Holders.Revocation;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Tests.Holders.Revocation;

/// <summary>POST /api/holders/{uscc}/revocations: the province opens a case with evidence; everyone else, and bad input, change nothing.</summary>
public class RevocationApiTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly HolderSteps _steps = new(factory);

    private Task<int> RevocationCasesOfAsync(string uscc) =>
        _steps.ReadAsync(db => db.WorkflowInstances.IgnoreQueryFilters().CountAsync(i => i.DefinitionId == RevocationCases.WorkflowId && i.Enterprise!.Uscc == uscc));

    [Fact]
    public async Task Open_ByTheProvince_StartsTheCaseAtTheStatement_WithItsEvidenceForTheHolder_AndOnlyOnce()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc);
        var province = await factory.ClientFor("province");
        var evidence = await HolderSteps.UploadAsync(province, "环保处罚决定书.pdf");

        var response = await province.PostAsJsonAsync($"/api/holders/{WorkflowDriver.QingheUscc}/revocations",
            new { ground = RevocationGrounds.Violation, facts = "2024年10月8日被处以环保行政处罚（冀环罚〔2024〕31号）。", attachments = new[] { evidence.ToString() } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var caseId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["caseId"]!.GetValue<long>();
        Assert.Equal($"/cases/{caseId}", response.Headers.Location!.OriginalString);
        var opened = await _steps.Drive.InstanceAsync(caseId);
        Assert.Equal(("revocation", "statement"), (opened.DefinitionId, opened.CurrentStep));
        Assert.Equal(RevocationGrounds.Violation, opened.Variables!["ground"]!.GetValue<string>());
        Assert.Equal(evidence.ToString(), opened.Variables["evidence"]![0]!.GetValue<string>());
        var events = await _steps.ReadAsync(db => db.HolderEvents.IgnoreQueryFilters().Where(e => e.InstanceId == caseId).ToListAsync());
        Assert.Equal(HolderEventKind.RevocationOpened, Assert.Single(events).Kind);
        Assert.Equal("province", events[0].By);
        Assert.Equal($"workflow:{caseId}", await _steps.ReadAsync(db => db.StoredFiles.Where(f => f.Id == evidence).Select(f => f.AttachedTo).SingleAsync()));

        // The holder reads the ground, the facts and the province's file on the case, and answers with a file of its own.
        var holder = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        var page = await holder.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("立案事由与证据", page, StringComparison.Ordinal);
        Assert.Contains("有效期内发生重大安全、环保、质量事故", page, StringComparison.Ordinal);
        Assert.Contains("环保处罚决定书.pdf", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync($"/api/uploads/{evidence}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync($"/cases/{caseId}/act/state")).StatusCode);
        var answer = await CaseFormData.FilesAsync(holder, "整改验收报告.pdf");
        await _steps.Drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", caseId, "state",
            data: new { statement = "处罚涉及的废气排放问题已于11月整改完毕。", evidenceFiles = answer });
        var atDecision = await _steps.Drive.InstanceAsync(caseId);
        Assert.Equal("decision", atDecision.CurrentStep);
        Assert.Equal("整改验收报告.pdf", atDecision.Variables!["revocationStatement"]!["evidenceFiles"]![0]!["originalName"]!.GetValue<string>());

        // One open case per holder: a second opening is refused and opens nothing.
        var again = await province.PostAsJsonAsync($"/api/holders/{WorkflowDriver.QingheUscc}/revocations",
            new { ground = RevocationGrounds.Falsification, facts = "另案线索。" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"案件 {caseId}", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await RevocationCasesOfAsync(WorkflowDriver.QingheUscc));
    }

    [Theory]
    [InlineData("county.130638")]
    [InlineData("city.133100")]
    [InlineData("ent.91130638MA0FB9N1XF")]
    [InlineData("admin")]
    public async Task Open_ByAnyoneButTheProvince_Is403_AndOpensNothing(string user)
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc);
        var client = await factory.ClientFor(user);
        var response = await client.PostAsJsonAsync($"/api/holders/{WorkflowDriver.XiongUscc}/revocations",
            new { ground = RevocationGrounds.NoReport, facts = "逾期未报送。" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("只有省工业和信息化厅", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RevocationCasesOfAsync(WorkflowDriver.XiongUscc));
    }

    [Fact]
    public async Task Open_WithAnUnknownGround_EmptyFacts_AndSomeoneElsesFile_Is400ForEachField_AndOpensNothing()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc);
        var province = await factory.ClientFor("province");
        var notTheirs = await HolderSteps.UploadAsync(await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}"), "企业自己的文件.pdf");

        var response = await province.PostAsJsonAsync($"/api/holders/{WorkflowDriver.XiongUscc}/revocations",
            new { ground = "dislike", facts = "   ", attachments = new[] { notTheirs.ToString(), "not-a-file" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["attachments", "facts", "ground"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("不是工作指南第十六条所列情形", errors["ground"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("请填写事实与依据。", errors["facts"]![0]!.GetValue<string>());
        Assert.Contains(errors["attachments"]!.AsArray(), m => m!.GetValue<string>().Contains("不是您上传的文件", StringComparison.Ordinal));
        Assert.Contains(errors["attachments"]!.AsArray(), m => m!.GetValue<string>().Contains("不是上传文件的编号", StringComparison.Ordinal));

        var missing = await province.PostAsJsonAsync($"/api/holders/{WorkflowDriver.XiongUscc}/revocations", new { facts = "有事实" });
        Assert.Equal("请选择撤销事由。", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["ground"]![0]!.GetValue<string>());
        Assert.Equal(0, await RevocationCasesOfAsync(WorkflowDriver.XiongUscc));
        Assert.Null(await _steps.ReadAsync(db => db.StoredFiles.Where(f => f.Id == notTheirs).Select(f => f.AttachedTo).SingleAsync()));
    }

    [Fact]
    public async Task Open_ForAnUnknownCode_OrAnEnterpriseWithoutATitle_Is404()
    {
        var province = await factory.ClientFor("province");
        var unknown = await province.PostAsJsonAsync("/api/holders/91130000MA0000000X/revocations", new { ground = RevocationGrounds.Violation, facts = "事实" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("未找到统一社会信用代码", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noTitle = await province.PostAsJsonAsync($"/api/holders/{HolderSteps.ShaheUscc}/revocations", new { ground = RevocationGrounds.Violation, facts = "事实" });
        Assert.Equal(HttpStatusCode.NotFound, noTitle.StatusCode);
        Assert.Contains("不是有效期内的“领跑者”企业", await noTitle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RevocationCasesOfAsync(HolderSteps.ShaheUscc));
    }

    [Fact]
    public async Task ProvincePages_ListTheHoldersAndCases_AndOfferTheOpeningForm()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc);
        var province = await factory.ClientFor("province");
        Assert.Contains("href=\"/revocations\"", await province.GetStringAsync("/staff"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/revocations/new?uscc={WorkflowDriver.XiongUscc}\"", await province.GetStringAsync($"/holders/{WorkflowDriver.XiongUscc}"), StringComparison.Ordinal);
        var list = await province.GetStringAsync("/revocations");
        Assert.Contains($"value=\"{WorkflowDriver.XiongUscc}\"", list, StringComparison.Ordinal);

        var form = await province.GetStringAsync($"/revocations/new?uscc={WorkflowDriver.XiongUscc}");
        Assert.Contains("雄县新宇塑料包装有限公司", form, StringComparison.Ordinal);
        Assert.Contains("id=\"revocation-form\"", form, StringComparison.Ordinal);
        foreach (var title in RevocationGrounds.Titles.Values)
        {
            Assert.Contains(title, form, StringComparison.Ordinal);
        }
        var county = await factory.ClientFor("county.130638");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/revocations")).StatusCode);
    }
}

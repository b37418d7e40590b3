using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadRunner.Tests.Holders.Support.SupportClaimSamples;

namespace LeadRunner.Tests.Holders.Support;

/// <summary>
/// POST /api/holders/{uscc}/support-claims in the 2024 round: amounts from the round's settings, evidence required,
/// only a current holder, once-only rewards, and refusals that store nothing. Each test uses an enterprise of its own.
/// </summary>
public sealed class SupportClaimApiTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    [Fact]
    public async Task EachKind_AmountFromTheRoundsSettings_CapApplied_OneClaimPerReward()
    {
        await MakeHolderAsync(factory, Xinji);
        var client = await factory.ClientFor($"ent.{Xinji}");

        // 20 % of 30,000,000 is 6,000,000: over the 5,000,000 cap.
        var equipment = await ClaimCreatedAsync(client, Xinji, new { kind = "equipment", equipmentInvestment = 30_000_000m });
        Assert.Equal(5_000_000m, equipment["amount"]!.GetValue<decimal>());
        Assert.Equal("上年度设备投入 3,000.00 万元 × 20% = 600.00 万元，超过上限 500.00 万元，按 500.00 万元补助", equipment["explanation"]!.GetValue<string>());
        var merger = await ClaimCreatedAsync(client, Xinji, new { kind = "merger", mergerDate = "2024-06-30", mergerParties = "辛集市瑞丰皮革制品有限公司兼并辛集市某皮具厂" });
        Assert.Equal(1_000_000m, merger["amount"]!.GetValue<decimal>());
        // From 4.5 to 12 billion: both milestones first reached, each its own once-only reward.
        var revenue = await ClaimCreatedAsync(client, Xinji, new { kind = "revenueMilestone", revenueBefore = 4_500_000_000m, revenueAfter = 12_000_000_000m });
        Assert.Equal(3_000_000m, revenue["amount"]!.GetValue<decimal>());
        Assert.Equal("通过并购（兼并）重组，年营业收入由 45 亿元增至 120 亿元，首次达到 50 亿元，一次性激励 100.00 万元；"
            + "通过并购（兼并）重组，年营业收入由 45 亿元增至 120 亿元，首次达到 100 亿元，一次性激励 200.00 万元", revenue["explanation"]!.GetValue<string>());
        var top500 = await ClaimCreatedAsync(client, Xinji, new { kind = "top500", top500List = "中国制造业500强", top500Year = 2024 });
        Assert.Equal(1_000_000m, top500["amount"]!.GetValue<decimal>());

        var claims = await ClaimsOfAsync(factory, Xinji);
        Assert.Equal(
            [("equipment:2024", 5_000_000m), ("merger", 1_000_000m), ("revenue:5000000000", 1_000_000m), ("revenue:10000000000", 2_000_000m), ("top500", 1_000_000m)],
            claims.Select(c => (c.OnceKey, c.Amount)));
        Assert.All(claims, c => Assert.Equal((2024, ClaimStatus.Pending), (c.Year, c.Status)));
        Assert.Equal(equipment["claimId"]!.GetValue<long>(), claims[0].Id);
        Assert.Equal(revenue["caseId"]!.GetValue<long>(), claims[3].InstanceId);
        Assert.Equal(claims[2].InstanceId, claims[3].InstanceId);
        Assert.Contains("\"equipmentInvestment\":30000000", claims[0].Figures, StringComparison.Ordinal);

        // Each claim is a case waiting for the county, with the form and the computed amount kept on it.
        var instance = await new WorkflowDriver(factory).InstanceAsync(merger["caseId"]!.GetValue<long>());
        Assert.Equal(("countyReview", "support-claim"), (instance.CurrentStep, instance.DefinitionId));
        Assert.Equal(1_000_000m, instance.Variables!["claim"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("辛集市瑞丰皮革制品有限公司兼并辛集市某皮具厂", instance.Variables["supportClaim"]!["mergerParties"]!.GetValue<string>());
        Assert.Single(instance.Variables["supportClaim"]!["evidenceFiles"]!.AsArray());
    }

    [Fact]
    public async Task Preview_GivesTheAmount_AndStoresNothing()
    {
        await MakeHolderAsync(factory, Anping);
        var client = await factory.ClientFor($"ent.{Anping}");
        var (claims, cases) = ((await ClaimsOfAsync(factory, Anping)).Count, await CasesOfAsync(factory, Anping));
        var response = await client.PostAsJsonAsync($"/api/holders/{Anping}/support-claims/preview", new { kind = "equipment", equipmentInvestment = 10_000_000m });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((2024, 2_000_000m), (preview["year"]!.GetValue<int>(), preview["amount"]!.GetValue<decimal>()));
        Assert.Equal("上年度设备投入 1,000.00 万元 × 20% = 200.00 万元，未超过上限 500.00 万元，按 200.00 万元补助", preview["explanation"]!.GetValue<string>());
        Assert.Equal((claims, cases), ((await ClaimsOfAsync(factory, Anping)).Count, await CasesOfAsync(factory, Anping)));
    }

    [Fact]
    public async Task OnceOnlyReward_ClaimedAgainInTheSameRound_IsRefusedNamingTheEarlierClaim_UntilItIsRejected()
    {
        await MakeHolderAsync(factory, Anping);
        var client = await factory.ClientFor($"ent.{Anping}");
        var cases = await CasesOfAsync(factory, Anping);
        var first = await ClaimCreatedAsync(client, Anping, new { kind = "top500", top500List = "中国民营企业500强", top500Year = 2023 });
        var claimId = first["claimId"]!.GetValue<long>();

        var again = await ClaimAsync(client, Anping, new { kind = "top500", top500List = "中国制造业500强", top500Year = 2024 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"首次进入 500 强激励只能享受一次：贵企业已于 2024 年度申请（申请编号 {claimId}，审核中），不能重复申请。", await ProblemAsync(again));
        Assert.Equal(cases + 1, await CasesOfAsync(factory, Anping));

        // The county rejects the first claim (a comment is required): the reward may be claimed again.
        var driver = new WorkflowDriver(factory);
        var caseId = first["caseId"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.BadRequest, (await driver.CompleteAsync("county.131125", caseId, "reject")).StatusCode);
        await driver.CompleteOkAsync("county.131125", caseId, "reject", "榜单年度与证明材料不符。");
        var rejected = (await ClaimsOfAsync(factory, Anping)).Single(c => c.Id == claimId);
        Assert.Equal(ClaimStatus.Rejected, rejected.Status);
        Assert.Equal(WorkflowFactory.Start, rejected.DecidedAt);
        Assert.Equal(("completed", "rejected"), ((await driver.InstanceAsync(caseId)).Status, (await driver.InstanceAsync(caseId)).Outcome));

        var reclaimed = await ClaimCreatedAsync(client, Anping, new { kind = "top500", top500List = "中国制造业500强", top500Year = 2024 });
        Assert.NotEqual(claimId, reclaimed["claimId"]!.GetValue<long>());
        Assert.Equal([ClaimStatus.Rejected, ClaimStatus.Pending], (await ClaimsOfAsync(factory, Anping)).Where(c => c.OnceKey == "top500").Select(c => c.Status));
    }

    [Fact]
    public async Task RevenueMilestone_AlreadyRewarded_IsLeftOut_TheHigherOneIsStillDue()
    {
        await MakeHolderAsync(factory, Dingzhou);
        var client = await factory.ClientFor($"ent.{Dingzhou}");
        await ClaimCreatedAsync(client, Dingzhou, new { kind = "revenueMilestone", revenueBefore = 4_000_000_000m, revenueAfter = 6_000_000_000m });

        var same = await ClaimAsync(client, Dingzhou, new { kind = "revenueMilestone", revenueBefore = 4_800_000_000m, revenueAfter = 5_500_000_000m });
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.StartsWith("营业收入首次达到 50 亿元台阶激励只能享受一次：贵企业已于 2024 年度申请（申请编号", await ProblemAsync(same), StringComparison.Ordinal);

        var both = await ClaimCreatedAsync(client, Dingzhou, new { kind = "revenueMilestone", revenueBefore = 4_900_000_000m, revenueAfter = 10_500_000_000m });
        Assert.Equal(2_000_000m, both["amount"]!.GetValue<decimal>());
        Assert.Contains("50 亿元台阶激励已于 2024 年度申请", both["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["revenue:5000000000", "revenue:10000000000"], (await ClaimsOfAsync(factory, Dingzhou)).Select(c => c.OnceKey));
    }

    [Fact]
    public async Task RevokedOrExpiredHolder_IsRefused_AndNothingIsStored()
    {
        await MakeHolderAsync(factory, Shahe, HolderStatus.Revoked);
        var client = await factory.ClientFor($"ent.{Shahe}");
        var response = await ClaimAsync(client, Shahe, new { kind = "merger", mergerDate = "2024-05-01", mergerParties = "沙河市华晶玻璃有限公司收购某玻璃厂" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("贵企业的 2024 年度“领跑者”企业称号已于 2024-12-20 撤销，不再享受支持政策，不能申请支持资金。", await ProblemAsync(response));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var holder = await db.TitleHolders.SingleAsync(h => h.Enterprise!.Uscc == Shahe);
            holder.Status = HolderStatus.Expired;
            await db.SaveChangesAsync();
        }
        var preview = await client.PostAsJsonAsync($"/api/holders/{Shahe}/support-claims/preview", new { kind = "equipment", equipmentInvestment = 1_000_000m });
        Assert.Equal(HttpStatusCode.Conflict, preview.StatusCode);
        Assert.Contains("称号已于 2024-12-20 到期终止", await ProblemAsync(preview), StringComparison.Ordinal);
        Assert.Empty(await ClaimsOfAsync(factory, Shahe));
        Assert.Equal(0, await CasesOfAsync(factory, Shahe));
    }

    [Fact]
    public async Task NotAHolder_AnotherEnterprisesCode_OrStaff_AreRefused()
    {
        // 雄县's enterprise holds no title in this class.
        var xiong = await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        var response = await ClaimAsync(xiong, WorkflowDriver.XiongUscc, new { kind = "equipment", equipmentInvestment = 1_000_000m });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("贵企业不是“领跑者”企业，不能申请支持资金。", await ProblemAsync(response));

        var other = await ClaimAsync(xiong, Xinji, new { kind = "equipment", equipmentInvestment = 1_000_000m });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains($"统一社会信用代码 {Xinji} 不是您所在的企业", await ProblemAsync(other), StringComparison.Ordinal);

        var county = await factory.ClientFor("county.130181");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync($"/api/holders/{Xinji}/support-claims", new { kind = "equipment", equipmentInvestment = 1 })).StatusCode);
    }

    [Fact]
    public async Task BadInput_Answers400PerField_InChinese_StoresNothing_StartsNoCase()
    {
        await MakeHolderAsync(factory, WorkflowDriver.QingheUscc);
        var client = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        var uscc = WorkflowDriver.QingheUscc;
        var (claims, cases) = ((await ClaimsOfAsync(factory, uscc)).Count, await CasesOfAsync(factory, uscc));

        async Task<JsonObject> ErrorsAsync(object body, bool withEvidence = true)
        {
            var response = withEvidence ? await ClaimAsync(client, uscc, body) : await client.PostAsJsonAsync($"/api/holders/{uscc}/support-claims", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        }
        static string First(JsonObject errors, string field) => errors[field]![0]!.GetValue<string>();

        Assert.StartsWith("请选择申请类别。", First(await ErrorsAsync(new { equipmentInvestment = 1_000_000m }), "kind"), StringComparison.Ordinal);
        Assert.StartsWith("申请类别“subsidy”不存在。", First(await ErrorsAsync(new { kind = "subsidy" }), "kind"), StringComparison.Ordinal);
        Assert.Equal("请填写上年度设备投入（元）。", First(await ErrorsAsync(new { kind = "equipment" }), "equipmentInvestment"));
        Assert.Equal("“上年度设备投入（元）”应大于 0。", First(await ErrorsAsync(new { kind = "equipment", equipmentInvestment = 0 }), "equipmentInvestment"));
        var merger = await ErrorsAsync(new { kind = "merger", mergerDate = "2024-12-31" });
        Assert.Equal("并购重组完成日期（2024-12-31）不能晚于今天：只有已完成的并购重组才能申请激励。", First(merger, "mergerDate"));
        Assert.Equal("请填写并购重组各方。", First(merger, "mergerParties"));
        Assert.Equal("并购重组完成日期“6月30日”不是有效的日期，应写成如 2024-06-30。",
            First(await ErrorsAsync(new { kind = "merger", mergerDate = "6月30日", mergerParties = "甲乙" }), "mergerDate"));
        Assert.Equal("并购重组后的年营业收入（30 亿元）不能低于并购前（40 亿元）。",
            First(await ErrorsAsync(new { kind = "revenueMilestone", revenueBefore = 4_000_000_000m, revenueAfter = 3_000_000_000m }), "revenueAfter"));
        Assert.Contains("未首次达到新的台阶（50 亿元、100 亿元），不予台阶激励",
            First(await ErrorsAsync(new { kind = "revenueMilestone", revenueBefore = 1_000_000_000m, revenueAfter = 3_000_000_000m }), "revenueAfter"), StringComparison.Ordinal);
        var top500 = await ErrorsAsync(new { kind = "top500", top500List = "世界500强", top500Year = 2030 });
        Assert.Equal("榜单“世界500强”不在可选范围内，应为中国民营企业500强或中国制造业500强。", First(top500, "top500List"));
        Assert.Equal("首次入榜的榜单年度应为 2000 至 2024 之间的年份。", First(top500, "top500Year"));

        var empty = await client.PostAsync($"/api/holders/{uscc}/support-claims", new StringContent("null", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        // Evidence: required, and only files the enterprise itself uploaded.
        Assert.Equal("请上传证明材料（至少一个文件）：每项支持资金申请都须附证明材料。",
            First(await ErrorsAsync(new { kind = "equipment", equipmentInvestment = 1_000_000m }, withEvidence: false), "attachments"));
        Assert.StartsWith("第 1 个证明材料应为通过本系统上传",
            First(await ErrorsAsync(new { kind = "equipment", equipmentInvestment = 1_000_000m, attachments = new JsonArray("发票.pdf") }), "attachments[0]"), StringComparison.Ordinal);
        var someoneElses = await EvidenceAsync(await factory.ClientFor($"ent.{Xinji}"));
        Assert.Contains("不是您上传的文件",
            First(await ErrorsAsync(new { kind = "equipment", equipmentInvestment = 1_000_000m, attachments = new JsonArray(someoneElses) }), "attachments[0]"), StringComparison.Ordinal);

        Assert.Equal((claims, cases), ((await ClaimsOfAsync(factory, uscc)).Count, await CasesOfAsync(factory, uscc)));
    }

    [Fact]
    public async Task UniqueIndex_HoldsOneNotRejectedClaimPerReward_AndIgnoresRejectedOnes()
    {
        // The last guard behind the check: two writers that both passed it cannot both store the same reward.
        var holderId = await MakeHolderAsync(factory, "91130534MA0CQH1106", year: 2023);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var enterpriseId = await db.TitleHolders.Where(h => h.Id == holderId).Select(h => h.EnterpriseId).SingleAsync();
        SupportClaim Claim(ClaimStatus status) => new()
        {
            HolderId = holderId, EnterpriseId = enterpriseId, Kind = SupportKind.Merger, Year = 2023, OnceKey = "merger-index-test", Amount = 1_000_000m,
            Explanation = "测试", Figures = "{}", Status = status, ClaimedAt = WorkflowFactory.Start,
        };
        db.SupportClaims.AddRange(Claim(ClaimStatus.Rejected), Claim(ClaimStatus.Rejected), Claim(ClaimStatus.Approved));
        await db.SaveChangesAsync();
        db.SupportClaims.Add(Claim(ClaimStatus.Pending));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

using System.Net;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadRunner.Tests.Holders.Support.SupportClaimSamples;

namespace LeadRunner.Tests.Holders.Support;

/// <summary>
/// Decisions on a claim under review: a title revoked meanwhile can no longer be granted support (the province can
/// only reject), and a claim the enterprise withdraws after a return frees its reward.
/// </summary>
public sealed class SupportClaimDecisionTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    [Fact]
    public async Task TitleRevokedDuringReview_ApprovalIsRefused_RejectionStands()
    {
        const string Uscc = WorkflowDriver.XiongUscc;
        var holderId = await MakeHolderAsync(factory, Uscc);
        var driver = new WorkflowDriver(factory);
        var claim = await ClaimCreatedAsync(await factory.ClientFor($"ent.{Uscc}"), Uscc,
            new { kind = "merger", mergerDate = "2024-08-01", mergerParties = "新宇塑料兼并雄县某包装厂" });
        var caseId = claim["caseId"]!.GetValue<long>();
        await driver.CompleteOkAsync("county.130638", caseId, "approve");
        await driver.CompleteOkAsync("city.133100", caseId, "approve");

        // The title is revoked while the province has the claim (as the revocation case's decision would).
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var holder = await db.TitleHolders.SingleAsync(h => h.Id == holderId);
            (holder.Status, holder.EndedOn) = (HolderStatus.Revoked, new DateOnly(2024, 9, 2));
            await db.SaveChangesAsync();
        }
        var approve = await driver.CompleteAsync("province", caseId, "approve");
        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Contains("该企业的“领跑者”企业称号已撤销，不再享受支持政策，不能核准，请作“不予支持”处理。", await ProblemAsync(approve), StringComparison.Ordinal);
        Assert.Equal(("provinceReview", ClaimStatus.Pending), ((await driver.InstanceAsync(caseId)).CurrentStep, (await ClaimsOfAsync(factory, Uscc)).Single().Status));

        await driver.CompleteOkAsync("province", caseId, "reject", "企业称号已撤销，不再享受支持政策。");
        Assert.Equal(ClaimStatus.Rejected, (await ClaimsOfAsync(factory, Uscc)).Single().Status);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<LeadRunnerDb>().HolderEvents.AnyAsync(e => e.HolderId == holderId && e.Kind == HolderEventKind.SupportGranted));
    }

    [Fact]
    public async Task ReturnedClaim_WithdrawnByTheEnterprise_FreesTheReward()
    {
        const string Uscc = Xinji;
        await MakeHolderAsync(factory, Uscc);
        var driver = new WorkflowDriver(factory);
        var enterprise = await factory.ClientFor($"ent.{Uscc}");
        var first = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "top500", top500List = "中国制造业500强", top500Year = 2024 });
        var caseId = first["caseId"]!.GetValue<long>();
        await driver.CompleteOkAsync("county.130181", caseId, "return", "请补充榜单发布文件。");
        await driver.CompleteOkAsync($"ent.{Uscc}", caseId, "withdraw");

        var instance = await driver.InstanceAsync(caseId);
        Assert.Equal(("withdrawn", "withdrawn"), (instance.CurrentStep, instance.Outcome));
        Assert.Equal(ClaimStatus.Rejected, (await ClaimsOfAsync(factory, Uscc)).Single().Status);
        var again = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "top500", top500List = "中国制造业500强", top500Year = 2024 });
        Assert.NotEqual(caseId, again["caseId"]!.GetValue<long>());
    }
}

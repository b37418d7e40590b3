using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using static LeadRunner.Tests.Holders.Support.SupportClaimSamples;

namespace LeadRunner.Tests.Holders.Support;

/// <summary>
/// Once-only rewards across two rounds: what was claimed in 2024 (and not rejected) cannot be claimed again in 2025;
/// the equipment subsidy is once a year, computed from the claiming round's own settings; a rejected claim blocks
/// nothing. Opening 2025 moves the year new claims belong to, so this class has a host of its own.
/// </summary>
public sealed class SupportClaimRoundsTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string Uscc = WorkflowDriver.QingheUscc;

    [Fact]
    public async Task ClaimsIn2024_Then2025_OnceOnlyRewardsRefused_EquipmentOncePerYear_RejectedOnesFree()
    {
        await MakeHolderAsync(factory, Uscc);
        var enterprise = await factory.ClientFor($"ent.{Uscc}");
        var driver = new WorkflowDriver(factory);

        // 2024: a merger reward approved through the chain, an equipment subsidy, a top-500 reward the county rejects.
        var merger = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "merger", mergerDate = "2024-03-15", mergerParties = "恒嘉羊绒兼并清河县某纺纱厂" });
        var mergerCase = merger["caseId"]!.GetValue<long>();
        await driver.CompleteOkAsync("county.130534", mergerCase, "approve");
        await driver.CompleteOkAsync("city.130500", mergerCase, "approve");
        await driver.CompleteOkAsync("province", mergerCase, "approve");
        var equipment2024 = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "equipment", equipmentInvestment = 10_000_000m });
        Assert.Equal(2_000_000m, equipment2024["amount"]!.GetValue<decimal>());
        var top500 = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "top500", top500List = "中国民营企业500强", top500Year = 2024 });
        await driver.CompleteOkAsync("county.130534", top500["caseId"]!.GetValue<long>(), "reject", "证明材料不是榜单发布文件。");

        // 2025 is prepared from 2024 with a higher rate and a lower cap, and opened; a year later the holder claims again.
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/rounds/2024/copy-to/2025", null)).StatusCode);
        var settings = (await admin.GetFromJsonAsync<JsonObject>("/api/programmes/2025"))!;
        settings["support"]!["equipmentSubsidyRate"] = 25;
        settings["support"]!["equipmentSubsidyCap"] = 3_000_000;
        var saved = await admin.PutAsJsonAsync("/api/programmes/2025", settings);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var opened = await admin.PostAsJsonAsync("/api/rounds/2025/open", new { noticeDate = "2025-08-28" });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2025, 9, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        enterprise = await factory.ClientFor($"ent.{Uscc}"); // last year's sign-in has expired

        var again = await ClaimAsync(enterprise, Uscc, new { kind = "merger", mergerDate = "2025-06-30", mergerParties = "恒嘉羊绒兼并邢台某羊绒厂" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"并购重组激励只能享受一次：贵企业已于 2024 年度申请（申请编号 {merger["claimId"]}，已核准），不能重复申请。", await ProblemAsync(again));

        // The equipment subsidy is once a year: 2025's is due, at 2025's rate and cap (25 % of 20,000,000 = 5,000,000 > 3,000,000).
        var equipment2025 = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "equipment", equipmentInvestment = 20_000_000m });
        Assert.Equal(3_000_000m, equipment2025["amount"]!.GetValue<decimal>());
        Assert.Equal("上年度设备投入 2,000.00 万元 × 25% = 500.00 万元，超过上限 300.00 万元，按 300.00 万元补助", equipment2025["explanation"]!.GetValue<string>());
        var twice = await ClaimAsync(enterprise, Uscc, new { kind = "equipment", equipmentInvestment = 1_000_000m });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal($"设备更新补助每个年度只能申请一次：贵企业已于 2025 年度申请（申请编号 {equipment2025["claimId"]}，审核中），不能重复申请。", await ProblemAsync(twice));

        // The top-500 claim of 2024 was rejected: it may be claimed in 2025.
        var top500Again = await ClaimCreatedAsync(enterprise, Uscc, new { kind = "top500", top500List = "中国民营企业500强", top500Year = 2025 });
        Assert.Equal(1_000_000m, top500Again["amount"]!.GetValue<decimal>());

        var claims = await ClaimsOfAsync(factory, Uscc);
        Assert.Equal(
            [("merger", 2024, ClaimStatus.Approved), ("equipment:2024", 2024, ClaimStatus.Pending), ("top500", 2024, ClaimStatus.Rejected),
                ("equipment:2025", 2025, ClaimStatus.Pending), ("top500", 2025, ClaimStatus.Pending)],
            claims.Select(c => (c.OnceKey, c.Year, c.Status)));
        var case2025 = await driver.InstanceAsync(equipment2025["caseId"]!.GetValue<long>());
        Assert.Equal(2025, case2025.RoundYear);
    }
}

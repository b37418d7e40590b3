using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Holders.Titles;

/// <summary>Title holders made by real recognition cases, as the API, the staff pages, the enterprise and the public see them.</summary>
public class HoldersTests(HoldersTests.Fixture fixture) : IClassFixture<HoldersTests.Fixture>
{
    /// <summary>Two holders, one per reporting unit: 清河 (邢台) and 雄县 (雄安).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public WorkflowFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            var drive = new WorkflowDriver(Factory);
            await drive.ToHolderAsync(WorkflowDriver.QingheUscc);
            await drive.ToHolderAsync(WorkflowDriver.XiongUscc, "county.130638", "city.133100");
        }

        public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
    }

    private WorkflowFactory Factory => fixture.Factory;

    private async Task<JsonArray> HoldersAsync(string user, string query = "") =>
        (await (await Factory.ClientFor(user)).GetFromJsonAsync<JsonArray>($"/api/holders{query}"))!;

    private static string[] Usccs(JsonArray holders) => [.. holders.Select(h => h!["uscc"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Api_ListsHoldersInTheCallersScope_WithTheContractsFields()
    {
        var all = await HoldersAsync("province", "?year=2024");
        Assert.Equal([WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc], Usccs(all));
        var qinghe = all.Single(h => h!["uscc"]!.GetValue<string>() == WorkflowDriver.QingheUscc)!.AsObject();
        Assert.Equal(["uscc", "name", "unitCode", "countyCode", "year", "status", "listed"], qinghe.Select(p => p.Key));
        Assert.Equal(("130500", "130534", 2024, "valid", false), (qinghe["unitCode"]!.GetValue<string>(), qinghe["countyCode"]!.GetValue<string>(),
            qinghe["year"]!.GetValue<int>(), qinghe["status"]!.GetValue<string>(), qinghe["listed"]!.GetValue<bool>()));

        Assert.Equal([WorkflowDriver.XiongUscc], Usccs(await HoldersAsync("province", "?unit=133100")));
        Assert.Empty(await HoldersAsync("province", "?status=revoked"));
        Assert.Empty(await HoldersAsync("province", "?year=2023"));
        Assert.Equal([WorkflowDriver.QingheUscc], Usccs(await HoldersAsync("county.130534")));
        Assert.Equal([WorkflowDriver.XiongUscc], Usccs(await HoldersAsync("city.133100")));
        Assert.Equal([WorkflowDriver.QingheUscc], Usccs(await HoldersAsync($"ent.{WorkflowDriver.QingheUscc}")));
        // A city asking for another unit gets nothing rather than that unit's holders.
        Assert.Empty(await HoldersAsync("city.133100", "?unit=130500"));
    }

    [Fact]
    public async Task Api_WithAnUnknownStatus_IsRefusedInChinese()
    {
        var response = await (await Factory.ClientFor("province")).GetAsync("/api/holders?status=gold");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("reReview（复核中）", problem!["errors"]!["status"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/holders")).StatusCode);
    }

    [Fact]
    public async Task DetailPage_ShowsTheTitleAndItsHistory_ToStaffInScopeAndToTheEnterprise_AndNobodyElse()
    {
        var path = $"/holders/{WorkflowDriver.QingheUscc}";
        var county = await (await Factory.ClientFor("county.130534")).GetStringAsync(path);
        Assert.Contains("清河县", county, StringComparison.Ordinal);
        Assert.Contains("认定为2024年度河北省特色产业集群“领跑者”企业", county, StringComparison.Ordinal);
        Assert.Contains("2027-09-", county, StringComparison.Ordinal); // the re-review date, three years on
        var own = await (await Factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}")).GetStringAsync(path);
        Assert.Contains("<title>我的称号", own, StringComparison.Ordinal);
        Assert.Contains("/verify/", own, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.ClientFor("county.130638")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.ClientFor("city.133100")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}")).GetAsync(path)).StatusCode);

        // The enterprise home offers the title page; the staff list links it.
        Assert.Contains($"href=\"{path}\"", await (await Factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}")).GetStringAsync("/portal"), StringComparison.Ordinal);
        var list = await (await Factory.ClientFor("county.130534")).GetStringAsync("/holders");
        Assert.Contains($"href=\"{path}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkflowDriver.XiongUscc, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListedFlag_IsSetByTheEnterpriseWithAHistoryLine_AndRefusedToACounty()
    {
        var path = $"/holders/{WorkflowDriver.XiongUscc}";
        var enterprise = await Factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        var token = EnterpriseRegistrationTests.AntiforgeryToken(await enterprise.GetStringAsync(path));
        var posted = await enterprise.PostAsync($"{path}?handler=Listed", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["year"] = "2024", ["listed"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.True((await HoldersAsync("province", "?unit=133100"))[0]!["listed"]!.GetValue<bool>());
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            Assert.True(await db.HolderEvents.AnyAsync(e => e.Kind == HolderEventKind.ListedChanged && e.Text.Contains("上市公司")));
        }

        var county = await Factory.ClientFor("county.130638");
        var countyToken = EnterpriseRegistrationTests.AntiforgeryToken(await county.GetStringAsync(path));
        var refused = await county.PostAsync($"{path}?handler=Listed", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = countyToken, ["year"] = "2024", ["listed"] = "false",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await HoldersAsync("province", "?unit=133100"))[0]!["listed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PublicDirectory_ListsCurrentHoldersOnly_Anonymously()
    {
        var page = await Factory.AnonymousClient().GetStringAsync("/leaders");
        Assert.Contains("清河县", page, StringComparison.Ordinal);
        Assert.Contains("雄县新宇塑料包装有限公司", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/leaders\"", page, StringComparison.Ordinal); // in the site's navigation

        // An ended title leaves the directory (its revocation is tested with the revocation case).
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var holder = await db.TitleHolders.IgnoreQueryFilters().Include(h => h.Enterprise).SingleAsync(h => h.Enterprise!.Uscc == WorkflowDriver.XiongUscc);
        var name = holder.Enterprise!.Name;
        holder.Status = HolderStatus.Expired;
        await db.SaveChangesAsync();
        try
        {
            var after = await Factory.AnonymousClient().GetStringAsync("/leaders?unit=133100");
            Assert.DoesNotContain(name, after, StringComparison.Ordinal);
            Assert.Contains("暂无符合条件", after, StringComparison.Ordinal);
        }
        finally
        {
            holder.Status = HolderStatus.Valid;
            await db.SaveChangesAsync();
        }
    }
}

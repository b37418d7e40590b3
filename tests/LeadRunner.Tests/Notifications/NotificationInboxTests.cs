using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Notifications;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Notifications;

public class NotificationInboxTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private async Task<Dictionary<string, long>> SeedAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var qinghe = await db.Enterprises.Where(e => e.Uscc == WorkflowDriver.QingheUscc).Select(e => e.Id).SingleAsync();
        var rows = new Dictionary<string, Notification>
        {
            ["county"] = new() { Role = "county", CountyCode = "130534", Title = "清河县的消息" },
            ["otherCounty"] = new() { Role = "county", CountyCode = "130181", Title = "辛集市的消息" },
            ["city"] = new() { Role = "city", UnitCode = "130100", Title = "石家庄市的消息" },
            ["otherCity"] = new() { Role = "city", UnitCode = "130500", Title = "邢台市的消息" },
            ["province"] = new() { Role = "province", Title = "省厅的消息" },
            ["enterprise"] = new() { Role = "enterprise", EnterpriseId = qinghe, Title = "恒嘉的消息" },
        };
        db.Notifications.AddRange(rows.Values);
        await db.SaveChangesAsync();
        return rows.ToDictionary(r => r.Key, r => r.Value.Id);
    }

    private static async Task<JsonObject> ListAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<JsonObject>("/api/notifications" + query))!;

    private static List<string> Titles(JsonObject list) => list["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task EachAccountSeesItsRegionsNotifications_AndReadStateIsPerPerson()
    {
        var ids = await SeedAsync();
        var county = await factory.ClientFor("county.130534");
        var countyList = await ListAsync(county, "?unread=true");
        Assert.Contains("清河县的消息", Titles(countyList));
        Assert.DoesNotContain("辛集市的消息", Titles(countyList));
        Assert.DoesNotContain("省厅的消息", Titles(countyList));
        var city = Titles(await ListAsync(await factory.ClientFor("city.130100")));
        Assert.Contains("石家庄市的消息", city);
        Assert.DoesNotContain("邢台市的消息", city);
        Assert.DoesNotContain("清河县的消息", city);
        var enterprise = Titles(await ListAsync(await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}")));
        Assert.Contains("恒嘉的消息", enterprise);
        Assert.DoesNotContain("清河县的消息", enterprise);

        // Another county's notification cannot be marked read: it is not there for this account.
        Assert.Equal(HttpStatusCode.NotFound, (await county.PostAsync($"/api/notifications/{ids["otherCounty"]}/read", null)).StatusCode);
        var unreadBefore = countyList["unread"]!.GetValue<int>();
        Assert.Contains($"data-unread-count>{unreadBefore}<", await county.GetStringAsync("/staff"), StringComparison.Ordinal);
        var read = await county.PostAsync($"/api/notifications/{ids["county"]}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(unreadBefore - 1, (await read.Content.ReadFromJsonAsync<JsonObject>())!["unread"]!.GetValue<int>());
        Assert.DoesNotContain("清河县的消息", Titles(await ListAsync(county, "?unread=true")));
        Assert.Contains((await ListAsync(county))["items"]!.AsArray(), i => i!["id"]!.GetValue<long>() == ids["county"] && i["read"]!.GetValue<bool>());

        // The two provincial accounts share the messages but not their read state.
        var province = await factory.ClientFor("province");
        var editor = await factory.ClientFor("province.editor");
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsync("/api/notifications/read-all", null)).StatusCode);
        Assert.Equal(0, (await ListAsync(province))["unread"]!.GetValue<int>());
        Assert.Contains("省厅的消息", Titles(await ListAsync(editor, "?unread=true")));
        var page = await editor.GetStringAsync("/notifications");
        Assert.Contains("省厅的消息", page, StringComparison.Ordinal);
        Assert.Contains("全部标为已读", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecipientsOfANotification_AreTheAccountsThatSeeIt()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var county = await NotificationAudience.RecipientsAsync(db, new Notification { Role = "county", CountyCode = "130534", Title = "x" });
        Assert.Equal("county.130534@demo.lingpao-hebei.example", Assert.Single(county).Email);
        var province = await NotificationAudience.RecipientsAsync(db, new Notification { Role = "province", Title = "x" });
        Assert.Equal(2, province.Count);
        Assert.Empty(await NotificationAudience.RecipientsAsync(db, new Notification { Role = "secadmin", Title = "x" }));
    }

    [Fact]
    public async Task BadPaging_IsRefusedNamingTheField()
    {
        var county = await factory.ClientFor("county.130534");
        var response = await county.GetAsync("/api/notifications?pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pageSize", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notBoolean = await county.GetAsync("/api/notifications?unread=abc");
        Assert.Equal(HttpStatusCode.BadRequest, notBoolean.StatusCode);
        Assert.Contains("unread", await notBoolean.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/notifications?unread=")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/api/notifications")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.TestHost;

/// <summary>Drives cases through the public API the way people and scripts do.</summary>
public sealed class WorkflowDriver(LeadRunnerFactory factory)
{
    public const string QingheUscc = "91130534MA0CQH1106";  // 清河县 → 邢台市
    public const string XiongUscc = "91130638MA0FB9N1XF";   // 雄县 → 雄安新区

    public async Task<long> StartRecognitionAsync(string uscc = QingheUscc, int year = 2024)
    {
        var client = await factory.ClientFor($"ent.{uscc}");
        var response = await client.PostAsJsonAsync("/api/instances", new { workflow = "recognition", variables = new { year } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    /// <summary>Records the enterprise as admitted to the cultivation pool, as a city's decision would (沙河 is left out of the demo pool).</summary>
    public async Task AdmitToPoolAsync(string uscc)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunner.Data.LeadRunnerDb>();
        var enterprise = await db.Enterprises.Where(e => e.Uscc == uscc).Select(e => new { e.Id, e.County!.UnitCode }).SingleAsync();
        db.PoolMemberships.Add(new LeadRunner.Enterprises.Pool.PoolMembership
        {
            EnterpriseId = enterprise.Id, Year = 2024, Decision = LeadRunner.Enterprises.Pool.PoolDecision.Admitted,
            DecidedAt = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow(), UnitCode = enterprise.UnitCode, DecidedBy = "测试",
        });
        await db.SaveChangesAsync();
    }

    public async Task<Inbox.Page> InboxAsync(string user)
    {
        var client = await factory.ClientFor(user);
        return (await client.GetFromJsonAsync<Inbox.Page>("/api/tasks"))!;
    }

    public async Task<long> TaskIdAsync(string user, long instanceId) =>
        (await InboxAsync(user)).Tasks.Single(t => t.InstanceId == instanceId).Id;

    /// <summary>
    /// Completes the user's task on the case. The recognition actions that name a form get a valid filled form
    /// (files really uploaded by that user) with the given data laid over it, as the case page would send.
    /// </summary>
    public async Task<HttpResponseMessage> CompleteAsync(string user, long instanceId, string action, string? comment = null, object? data = null)
    {
        var client = await factory.ClientFor(user);
        var taskId = await TaskIdAsync(user, instanceId);
        var payload = data is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(data) as JsonObject;
        var form = action switch
        {
            "submit" when user.StartsWith("ent.", StringComparison.Ordinal) => await CaseFormData.ApplicationAsync(client, user[4..]),
            "approve" => await CaseFormData.CountyReviewAsync(client),
            "recommend" => CaseFormData.CityRecommendation(),
            _ => null,
        };
        if (form is not null)
        {
            foreach (var (key, value) in payload ?? [])
            {
                form[key] = value?.DeepClone();
            }
            payload = form;
        }
        return await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action, comment, data = payload });
    }

    public async Task CompleteOkAsync(string user, long instanceId, string action, string? comment = null, object? data = null)
    {
        var response = await CompleteAsync(user, instanceId, action, comment, data);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<InstancesApi.InstanceDto> InstanceAsync(long id, string user = "province")
    {
        var client = await factory.ClientFor(user);
        return (await client.GetFromJsonAsync<InstancesApi.InstanceDto>($"/api/instances/{id}"))!;
    }

    /// <summary>Submits and takes the case through county, city and province review: it then waits for a 公示 batch.</summary>
    public async Task<long> ToShortlistAsync(string uscc = QingheUscc, string county = "county.130534", string city = "city.130500")
    {
        var id = await StartRecognitionAsync(uscc);
        await CompleteOkAsync($"ent.{uscc}", id, "submit");
        await CompleteOkAsync(county, id, "approve");
        await CompleteOkAsync(city, id, "recommend", data: new { rank = 1 });
        await CompleteOkAsync("province", id, "shortlist");
        return id;
    }

    /// <summary>The province publishes a 公示 of these cases (its window starts the next working day).</summary>
    public async Task<JsonObject> PublishPublicityAsync(params long[] caseIds)
    {
        var province = await factory.ClientFor("province");
        var response = await province.PostAsJsonAsync("/api/rounds/2024/publicity", new { caseIds });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Takes the case to review and announces it alone in a 公示.</summary>
    public async Task<long> ToPublicityAsync(string uscc = QingheUscc, string county = "county.130534", string city = "city.130500")
    {
        var id = await ToShortlistAsync(uscc, county, city);
        await PublishPublicityAsync(id);
        return id;
    }

    /// <summary>Announces the case alone, waits out its 公示 on the factory's fake clock (to the morning after the
    /// window's last day, unless the clock is already later) and authorises it by a final list: the enterprise then
    /// holds the 2024 title. Returns the case id.</summary>
    public async Task<long> ToHolderAsync(string uscc = QingheUscc, string county = "county.130534", string city = "city.130500")
    {
        var id = await ToShortlistAsync(uscc, county, city);
        var window = await PublishPublicityAsync(id);
        var clock = factory.Clock ?? throw new InvalidOperationException("ToHolderAsync needs a factory with a fake clock.");
        var end = DateOnly.Parse(window["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var afterWindow = new DateTimeOffset(end.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        if (clock.GetUtcNow() < afterWindow)
        {
            clock.SetUtcNow(afterWindow);
        }
        var province = await factory.ClientFor("province");
        var response = await province.PostAsJsonAsync("/api/rounds/2024/final-list", new { caseIds = new[] { id }, documentNumber = "冀工信集群〔2024〕12号" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using static LeadRunner.Tests.Holders.Quarterly.QuarterlyScenario;

namespace LeadRunner.Tests.Holders.Quarterly;

/// <summary>
/// POST /api/holders/{uscc}/disclosures: a listed holder's disclosure date re-plans its quarter (working days after
/// it), moving the open case's due date, task and timer; bad input is refused field by field and changes nothing.
/// </summary>
public class DisclosuresApiTests
{
    private const string Qinghe = WorkflowDriver.QingheUscc;

    private static async Task<HttpResponseMessage> DiscloseAsync(WorkflowFactory factory, string user, object body, string uscc = Qinghe) =>
        await (await factory.ClientFor(user)).PostAsJsonAsync($"/api/holders/{uscc}/disclosures", body);

    [Fact]
    public async Task Disclosure_RePlansTheDueDate_AndMovesTheCasesTaskAndTimer()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync(listed: true);
        await scenario.MoveToAsync(At(2024, 10, 1, 9));
        var q3 = await scenario.ObligationAsync(holder.Id, "2024Q3");
        var caseId = q3.InstanceId!.Value;
        Assert.Equal(new DateOnly(2024, 10, 15), q3.DueDate);

        // Disclosed Thursday 10-10; recorded the next morning by the enterprise: due 10-16 (Saturday 10-12 is a 调休 working day).
        await scenario.MoveToAsync(At(2024, 10, 11, 9));
        var response = await DiscloseAsync(factory, $"ent.{Qinghe}", new { period = "2024Q3", date = "2024-10-10" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("2024Q3", "2024-10-16", "open", "2024-10-10"), (body["period"]!.GetValue<string>(), body["dueDate"]!.GetValue<string>(),
            body["status"]!.GetValue<string>(), body["disclosureDate"]!.GetValue<string>()));

        var replanned = await scenario.ObligationAsync(holder.Id, "2024Q3");
        Assert.Equal((new DateOnly(2024, 10, 16), (DateOnly?)new DateOnly(2024, 10, 10)), (replanned.DueDate, replanned.DisclosureDate));
        var instance = await scenario.Drive.InstanceAsync(caseId);
        Assert.Equal("2024-10-16", instance.Variables!["dueDate"]!.GetValue<string>());
        Assert.Equal(At(2024, 10, 17, 0, 0), Assert.Single(instance.OpenTasks).DueAt);
        var replan = instance.Journal.Single(j => j.Action == "replan");
        Assert.Contains("截止由 2024-10-15 改为 2024-10-16", replan.ActionLabel, StringComparison.Ordinal);
        Assert.Contains("披露日期 2024-10-10", replan.Comment, StringComparison.Ordinal);
        var timers = await scenario.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == caseId && t.Status == TimerStatus.Pending).ToListAsync());
        Assert.Equal(At(2024, 10, 17, 0, 0), timers.Single(t => t.Kind == TimerKind.Deadline).DueAt);
        Assert.Equal(At(2024, 10, 15, 0, 0), timers.Single(t => t.Kind == TimerKind.Reminder).DueAt); // two working days before 10-16

        // The old date passes quietly; the new one makes it overdue.
        await scenario.MoveToAsync(At(2024, 10, 16, 12));
        Assert.Equal("fill", (await scenario.Drive.InstanceAsync(caseId)).CurrentStep);
        await scenario.MoveToAsync(At(2024, 10, 17, 0, 5));
        Assert.Equal("overdue", (await scenario.Drive.InstanceAsync(caseId)).CurrentStep);
    }

    [Fact]
    public async Task Disclosure_BeforeTheQuarterIsPlanned_MakesItsObligation_AndStaffInScopeMayRecordIt()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync(listed: true);
        // Spring Festival 2025: disclosed Monday 01-27, recorded by the city; 5 working days end Monday 02-10.
        factory.FakeClock.SetUtcNow(At(2025, 1, 27, 16));
        var response = await DiscloseAsync(factory, "city.130500", new { period = "2024q4", date = "2025-01-27" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var q4 = await scenario.ObligationAsync(holder.Id, "2024Q4");
        Assert.Equal((new DateOnly(2025, 2, 10), (long?)null), (q4.DueDate, q4.InstanceId));

        // The planner then gives it its case, due on the disclosed date's rule rather than January's.
        await scenario.PlanAsync();
        var planned = await scenario.ObligationAsync(holder.Id, "2024Q4");
        var instance = await scenario.Drive.InstanceAsync(planned.InstanceId!.Value);
        Assert.Equal("2025-02-10", instance.Variables!["dueDate"]!.GetValue<string>());

        // The county records a correction; the other county and the administrators may not.
        Assert.Equal(HttpStatusCode.OK, (await DiscloseAsync(factory, "county.130534", new { period = "2024Q4", date = "2025-01-24" })).StatusCode);
        Assert.Equal(new DateOnly(2025, 2, 7), (await scenario.ObligationAsync(holder.Id, "2024Q4")).DueDate);
        Assert.Equal(HttpStatusCode.NotFound, (await DiscloseAsync(factory, "county.130638", new { period = "2024Q4", date = "2025-01-24" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DiscloseAsync(factory, "city.133100", new { period = "2024Q4", date = "2025-01-24" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DiscloseAsync(factory, $"ent.{WorkflowDriver.XiongUscc}", new { period = "2024Q4", date = "2025-01-24" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DiscloseAsync(factory, "admin", new { period = "2024Q4", date = "2025-01-24" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().PostAsJsonAsync($"/api/holders/{Qinghe}/disclosures", new { period = "2024Q4", date = "2025-01-24" })).StatusCode);
        Assert.Equal(new DateOnly(2025, 1, 24), (await scenario.ObligationAsync(holder.Id, "2024Q4")).DisclosureDate);
    }

    [Theory]
    [InlineData("2024-3", "2024-10-10", "period", "格式不正确")]
    [InlineData(null, "2024-10-10", "period", "请填写报告期")]
    [InlineData("2024Q4", "2024-10-10", "period", "尚未结束")]
    [InlineData("2024Q3", "2024-10-30", "date", "晚于今天")]
    [InlineData("2024Q3", "2024-09-30", "date", "早于2024年第三季度结束")]
    [InlineData("2024Q3", "10/10/2024", "date", "不是有效的日期")]
    [InlineData("2024Q2", "2024-07-10", "period", "之前已结束，无须更新")]
    public async Task BadInput_Returns400WithAChineseMessageForTheField_AndChangesNothing(string? period, string date, string field, string message)
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync(listed: true);
        await scenario.MoveToAsync(At(2024, 10, 11, 9));
        var before = await scenario.ObligationAsync(holder.Id, "2024Q3");

        var response = await DiscloseAsync(factory, $"ent.{Qinghe}", new { period, date });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(message, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var after = await scenario.ObligationAsync(holder.Id, "2024Q3");
        Assert.Equal((before.DueDate, before.DisclosureDate, before.Revision), (after.DueDate, after.DisclosureDate, after.Revision));
        Assert.Equal(1, await scenario.WithDbAsync(db => db.Obligations.IgnoreQueryFilters().CountAsync(o => o.HolderId == holder.Id)));
    }

    [Fact]
    public async Task HolderNotListed_OrNotAHolder_OrAMalformedCode_Returns400()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        await scenario.HolderAsync(WorkflowDriver.XiongUscc, listed: false);
        factory.FakeClock.SetUtcNow(At(2024, 10, 11, 9));

        var notListed = await DiscloseAsync(factory, "province", new { period = "2024Q3", date = "2024-10-10" }, WorkflowDriver.XiongUscc);
        Assert.Equal(HttpStatusCode.BadRequest, notListed.StatusCode);
        Assert.Contains("不是上市企业", JsonNode.Parse(await notListed.Content.ReadAsStringAsync())!["errors"]!["uscc"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var notHolder = await DiscloseAsync(factory, "province", new { period = "2024Q3", date = "2024-10-10" });
        Assert.Equal(HttpStatusCode.BadRequest, notHolder.StatusCode);
        Assert.Contains("不是有效期内的“领跑者”企业", JsonNode.Parse(await notHolder.Content.ReadAsStringAsync())!["errors"]!["uscc"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var malformed = await DiscloseAsync(factory, "province", new { period = "2024Q3", date = "2024-10-10" }, "91130534MA0CQH110X");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("格式不正确", JsonNode.Parse(await malformed.Content.ReadAsStringAsync())!["errors"]!["uscc"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await DiscloseAsync(factory, "province", new { period = "2024Q3", date = "2024-10-10" }, "91130100MA0A1B212J")).StatusCode);
        Assert.False(await scenario.WithDbAsync(db => db.Obligations.IgnoreQueryFilters().AnyAsync(o => o.DisclosureDate != null)));

        var badJson = await (await factory.ClientFor("province")).PostAsync($"/api/holders/{WorkflowDriver.XiongUscc}/disclosures",
            new StringContent("""{ "period": 2024, "date": [] }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
    }
}

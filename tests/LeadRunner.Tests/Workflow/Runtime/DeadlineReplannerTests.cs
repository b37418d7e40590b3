using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Programmes;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>Changing a year's deadlines re-plans that round's open tasks and timers, and says so in each case's journal.</summary>
public class DeadlineReplannerTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset OldCityDue = new(2024, 9, 13, 0, 0, 0, China); // settings: deadlines.city = 2024-09-12
    private static readonly DateTimeOffset NewCityDue = new(2024, 9, 21, 0, 0, 0, China);

    /// <summary>The app with the shipped 2024 round open, as it starts.</summary>
    private static Task<WorkflowFactory> StartAsync() => Task.FromResult(new WorkflowFactory());

    private static async Task<long> AtCityReviewAsync(WorkflowDriver drive, string uscc = WorkflowDriver.QingheUscc, string county = "county.130534", int year = 2024)
    {
        var id = await drive.StartRecognitionAsync(uscc, year);
        await drive.CompleteOkAsync($"ent.{uscc}", id, "submit");
        await drive.CompleteOkAsync(county, id, "approve");
        return id;
    }

    /// <summary>Saves the year's settings through the API with one change, as an administrator would.</summary>
    private static async Task<ProgrammesApi.SavedDto> SaveSettingsAsync(WorkflowFactory factory, int year, Action<JsonNode> change)
    {
        var admin = await factory.ClientFor("admin"); // a fresh token: bearer tokens expire with the (fake) clock
        var settings = JsonNode.Parse(await admin.GetStringAsync($"/api/programmes/{year}"))!;
        change(settings);
        var response = await admin.PutAsync($"/api/programmes/{year}", new StringContent(settings.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProgrammesApi.SavedDto>())!;
    }

    private static async Task<List<WorkflowTimer>> TimersAsync(WorkflowFactory factory, long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return await db.Timers.AsNoTracking().Where(t => t.InstanceId == id && t.Kind == TimerKind.Deadline).OrderBy(t => t.Id).ToListAsync();
    }

    private static async Task<int> RemindersAsync(WorkflowFactory factory, long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return await db.Notifications.CountAsync(n => n.InstanceId == id && n.Title.StartsWith("逾期提醒"));
    }

    private static Task<int> FireAsync(WorkflowFactory factory) => factory.Services.GetRequiredService<TimerRunner>().RunDueAsync();

    private static async Task<Inbox.TaskDto> CityTaskAsync(WorkflowDriver drive, long id, string city = "city.130500") =>
        (await drive.InboxAsync(city)).Tasks.Single(t => t.InstanceId == id);

    [Fact]
    public async Task CityDeadlineMovedLater_MovesTaskAndTimer_JournalsIt_AndTheTaskIsNoLongerOverdue()
    {
        using var factory = await StartAsync();
        var drive = new WorkflowDriver(factory);
        var id = await AtCityReviewAsync(drive);
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 14, 10, 0, 0, China));
        Assert.True((await CityTaskAsync(drive, id)).Overdue);

        var saved = await SaveSettingsAsync(factory, 2024, s => s["deadlines"]!["city"] = "2024-09-20");

        Assert.Equal(1, saved.Replanned);
        var task = await CityTaskAsync(drive, id);
        Assert.Equal(NewCityDue, task.DueAt);
        Assert.False(task.Overdue);
        var state = await drive.InstanceAsync(id);
        Assert.False(Assert.Single(state.OpenTasks).Overdue); // the case page reads the same flag
        var entry = Assert.Single(state.Journal, j => j.Action == "replan");
        Assert.Equal("期限调整：市级工信部门审核推荐截止由 2024-09-12 改为 2024-09-20", entry.ActionLabel);
        Assert.Equal("admin", entry.Actor);
        Assert.Equal("cityReview", entry.ToStep);
        var timer = Assert.Single(await TimersAsync(factory, id), t => t.Status == TimerStatus.Pending);
        Assert.Equal("cityReview", timer.StepId);
        Assert.Equal(NewCityDue, timer.DueAt);
        Assert.Equal(0, await FireAsync(factory)); // the old date no longer reminds anyone
    }

    [Fact]
    public async Task AnotherRoundsDeadlineChanged_LeavesThisRoundsTasksAndTimersAsTheyWere()
    {
        using var factory = await StartAsync();
        var drive = new WorkflowDriver(factory);
        var case2024 = await AtCityReviewAsync(drive);
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/programmes/2024/copy-to/2025", null)).StatusCode);
        var opened = await admin.PostAsJsonAsync("/api/rounds/2025/open", new { });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var case2025 = await AtCityReviewAsync(drive, WorkflowDriver.XiongUscc, "county.130638", year: 2025);
        var timers2024 = await TimersAsync(factory, case2024);

        var saved = await SaveSettingsAsync(factory, 2025, s => s["deadlines"]!["city"] = "2025-09-30");

        Assert.Equal(1, saved.Replanned);
        Assert.Equal(new DateTimeOffset(2025, 10, 1, 0, 0, 0, China), (await CityTaskAsync(drive, case2025, "city.133100")).DueAt);
        Assert.Equal(OldCityDue, (await CityTaskAsync(drive, case2024)).DueAt);
        Assert.Equivalent(timers2024, await TimersAsync(factory, case2024), strict: true);
        Assert.DoesNotContain((await drive.InstanceAsync(case2024)).Journal, j => j.Action == "replan");
        Assert.Single((await drive.InstanceAsync(case2025)).Journal, j => j.Action == "replan");
    }

    [Fact]
    public async Task SaveThatMovesNoDeadline_WritesNoJournalEntry_AndACityChangeLeavesThePublicityAlone()
    {
        using var factory = await StartAsync();
        var drive = new WorkflowDriver(factory);
        var atCity = await AtCityReviewAsync(drive);
        var inPublicity = await drive.ToPublicityAsync(WorkflowDriver.XiongUscc, "county.130638", "city.133100");
        var publicityTimers = await TimersAsync(factory, inPublicity);

        var unrelated = await SaveSettingsAsync(factory, 2024, s => s["rdThreshold"] = 3.8);

        Assert.Equal(0, unrelated.Replanned);
        Assert.Equal(2, unrelated.Version);
        Assert.DoesNotContain((await drive.InstanceAsync(atCity)).Journal, j => j.Action == "replan");
        Assert.Equal(OldCityDue, (await CityTaskAsync(drive, atCity)).DueAt);

        var city = await SaveSettingsAsync(factory, 2024, s => s["deadlines"]!["city"] = "2024-09-20");

        Assert.Equal(1, city.Replanned);
        Assert.Single((await drive.InstanceAsync(atCity)).Journal, j => j.Action == "replan");
        Assert.DoesNotContain((await drive.InstanceAsync(inPublicity)).Journal, j => j.Action == "replan");
        Assert.Equivalent(publicityTimers, await TimersAsync(factory, inPublicity), strict: true);
    }

    [Fact]
    public async Task FiredReminder_IsScheduledAgain_WhenTheDeadlineMovesLater()
    {
        using var factory = await StartAsync();
        var drive = new WorkflowDriver(factory);
        var id = await AtCityReviewAsync(drive);
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 13, 0, 5, 0, China));
        Assert.Equal(1, await FireAsync(factory));
        Assert.Equal(1, await RemindersAsync(factory, id));

        var saved = await SaveSettingsAsync(factory, 2024, s => s["deadlines"]!["city"] = "2024-09-20");

        Assert.Equal(1, saved.Replanned);
        Assert.False((await CityTaskAsync(drive, id)).Overdue);
        var timer = Assert.Single(await TimersAsync(factory, id), t => t.Status == TimerStatus.Pending);
        Assert.Equal(NewCityDue, timer.DueAt);
        Assert.Contains("将再次提醒", (await drive.InstanceAsync(id)).Journal.Single(j => j.Action == "replan").Comment, StringComparison.Ordinal);

        // Only the reminder before the new deadline (due Thursday 09-19) fires; the deadline itself has not passed.
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 20, 23, 0, 0, China));
        Assert.Equal(1, await FireAsync(factory));
        Assert.Equal(1, await RemindersAsync(factory, id));
        factory.FakeClock.SetUtcNow(new DateTimeOffset(2024, 9, 21, 0, 1, 0, China));
        Assert.Equal(1, await FireAsync(factory));
        Assert.Equal(2, await RemindersAsync(factory, id));
        Assert.True((await CityTaskAsync(drive, id)).Overdue);
    }

    [Fact]
    public async Task AdminPage_AfterSaving_SaysHowManyCasesWereReplanned()
    {
        using var factory = await StartAsync();
        var drive = new WorkflowDriver(factory);
        await AtCityReviewAsync(drive);
        await AtCityReviewAsync(drive, WorkflowDriver.XiongUscc, "county.130638");
        var admin = await factory.ClientFor("admin");
        var html = await admin.GetStringAsync("/admin/programmes?year=2024");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(html), ["Form.Title"] = "2024年度河北省特色产业集群“领跑者”企业认定",
            ["Form.NoticeDate"] = "2024-08-28", ["Form.CityDeadline"] = "2024-09-20", ["Form.PublicityWorkingDays"] = "5", ["Form.RdThreshold"] = "3.5",
            ["Form.RdThresholdTraditional"] = "3", ["Form.MinPartners"] = "3", ["Form.MoneyUnit"] = "元",
            ["Form.EquipmentSubsidyRate"] = "20", ["Form.EquipmentSubsidyCap"] = "5000000", ["Form.MergerReward"] = "1000000",
            ["Form.MilestoneRevenue1"] = "5000000000", ["Form.MilestoneReward1"] = "1000000", ["Form.MilestoneRevenue2"] = "10000000000", ["Form.MilestoneReward2"] = "2000000",
            ["Form.Top500Reward"] = "1000000", ["Form.QuarterlyDays"] = "15", ["Form.ListedWorkingDays"] = "5", ["Form.ReReviewYears"] = "3",
            ["Form.ContactPerson"] = "张阳", ["Form.ContactPhone"] = "0311—87903827", ["Form.ContactAddress"] = "石家庄市新华区和平西路 402 号", ["Note"] = "市级报送延期",
        };

        // The lists as they stand, as the page's rows post them.
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        var industries = settings["industries"]!.AsArray();
        for (var i = 0; i < industries.Count; i++)
        {
            fields[$"Form.Industries[{i}].Name"] = industries[i]!["name"]!.GetValue<string>();
            fields[$"Form.Industries[{i}].Traditional"] = industries[i]!["traditional"]!.GetValue<bool>() ? "true" : "false";
        }
        var categories = settings["specialCategories"]!.AsArray();
        for (var i = 0; i < categories.Count; i++)
        {
            fields[$"Form.Categories[{i}].Key"] = categories[i]!["key"]!.GetValue<string>();
            fields[$"Form.Categories[{i}].Title"] = categories[i]!["title"]!.GetValue<string>();
            fields[$"Form.Categories[{i}].Items"] = string.Join("\n", categories[i]!["items"]!.AsArray().Select(x => x!.GetValue<string>()));
        }
        var relations = settings["partnerRelations"]!.AsArray();
        for (var i = 0; i < relations.Count; i++)
        {
            fields[$"Form.PartnerRelations[{i}].Name"] = relations[i]!["name"]!.GetValue<string>();
        }

        var response = await admin.PostAsync("/admin/programmes?year=2024&handler=Save", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已按新期限调整 2 个在办案件的办理期限", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

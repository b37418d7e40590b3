using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Rounds;

/// <summary>
/// The programme officer's yearly drill on one running app: 2025 is prepared from 2024 and changed — a threshold, the
/// 公示 days, a new step, a new required form field, an annex's wording — and every change is seen on 2025 and not on 2024.
/// </summary>
public sealed class RoundDrillTests : IClassFixture<WorkflowFactory>
{
    private readonly WorkflowFactory _factory;
    private readonly WorkflowDriver _driver;

    public RoundDrillTests(WorkflowFactory factory) => (_factory, _driver) = (factory, new WorkflowDriver(factory));

    [Fact]
    public async Task PreparingNextRound_ChangesOnlyNextRound()
    {
        var admin = await _factory.ClientFor("admin");
        var anonymous = _factory.AnonymousClient();
        var running2024 = await _driver.StartRecognitionAsync();

        // Copy: a draft round, hidden from the public.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/rounds/2024/copy-to/2025", null)).StatusCode);
        var draft = (await admin.GetFromJsonAsync<JsonObject>("/api/rounds/2025"))!;
        Assert.Equal("draft", draft["status"]!.GetValue<string>());
        Assert.True(draft["followsLatest"]!.GetValue<bool>());
        Assert.DoesNotContain(await anonymous.GetFromJsonAsync<JsonArray>("/api/rounds") ?? [], r => r!["year"]!.GetValue<int>() == 2025);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/rounds/2025")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/documents/annex/1/blank.html?year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/forms/objection?year=2025")).StatusCode);

        // 2025's settings: R&D threshold 4 %, 公示 7 working days.
        var settings = (await admin.GetFromJsonAsync<JsonObject>("/api/programmes/2025"))!;
        settings["rdThreshold"] = 4.0;
        settings["publicityWorkingDays"] = 7;
        (await admin.PutAsJsonAsync("/api/programmes/2025", settings)).EnsureSuccessStatusCode();

        // A 专家评审 step in the recognition workflow, published while 2024 runs.
        var definition = (await admin.GetFromJsonAsync<JsonObject>("/api/workflows/recognition/versions/1"))!;
        WithExpertReview(definition);
        var created = await admin.PostAsJsonAsync("/api/workflows/recognition/drafts", definition);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var draftId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["draftId"]!.GetValue<int>();
        var published = await admin.PostAsJsonAsync($"/api/workflows/recognition/drafts/{draftId}/publish", new { note = "2025 年度增加专家评审", migrate = true });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        // A new required field in the application form.
        var form = (await admin.GetFromJsonAsync<JsonObject>("/api/forms/application/design"))!;
        var schema = form["schema"] as JsonObject ?? form;
        (schema["components"] as JsonArray)!.Add(new JsonObject
        {
            ["type"] = "textfield", ["key"] = "expertContact", ["label"] = "专家评审联系人", ["input"] = true,
            ["validate"] = new JsonObject { ["required"] = true },
        });
        var saved = await admin.PutAsJsonAsync("/api/forms/application/design", schema);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        (await admin.PostAsJsonAsync("/api/forms/application/publish", new { note = "2025 年度增加专家评审联系人" })).EnsureSuccessStatusCode();

        // An annex wording change.
        var annex = (await admin.GetFromJsonAsync<JsonObject>("/api/templates/annex-01"))!;
        var text = annex["text"]!.GetValue<string>() + "\n<p>本年度新增专家评审环节。</p>\n";
        var edited = await admin.PutAsJsonAsync("/api/templates/annex-01", new { text, note = "2025 年度措辞" });
        Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());

        // The draft follows every newest version; 2024 keeps its pins.
        var pins2024 = (await admin.GetFromJsonAsync<JsonObject>("/api/rounds/2024"))!["pins"]!;
        var pins2025 = (await admin.GetFromJsonAsync<JsonObject>("/api/rounds/2025"))!["pins"]!;
        Assert.Equal(1, pins2024["workflows"]!["recognition"]!.GetValue<int>());
        Assert.Equal(2, pins2025["workflows"]!["recognition"]!.GetValue<int>());
        Assert.True(pins2025["forms"]!["application"]!.GetValue<int>() > pins2024["forms"]!["application"]!.GetValue<int>());
        Assert.True(pins2025["templates"]!["annex-01"]!.GetValue<int>() > pins2024["templates"]!["annex-01"]!.GetValue<int>());

        // Open 2025 on a chosen notice date: its notice is public and links 2025's annexes.
        var opened = await admin.PostAsJsonAsync("/api/rounds/2025/open", new { noticeDate = "2025-08-28" });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        Assert.Equal("open", (await opened.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var notice = await anonymous.GetStringAsync("/notices/2025-notice");
        Assert.Contains("/api/documents/annex/1/blank.docx?year=2025", notice, StringComparison.Ordinal);
        // The notice is the pinned notice template filled with 2025's settings and the chosen date.
        Assert.Contains("2025年9月12日", notice, StringComparison.Ordinal);
        Assert.Contains("2025年8月28日", notice, StringComparison.Ordinal);
        Assert.Contains("/api/documents/annex/1/blank.docx?year=2024", await anonymous.GetStringAsync("/notices/2024-notice"), StringComparison.Ordinal);

        // Annexes: 2025 has the new wording and 4 %; 2024 (named or the default... here the newest open) keeps its own.
        var annex2025 = await anonymous.GetStringAsync("/api/documents/annex/1/blank.html?year=2025");
        var annex2024 = await anonymous.GetStringAsync("/api/documents/annex/1/blank.html?year=2024");
        Assert.Contains("本年度新增专家评审环节", annex2025, StringComparison.Ordinal);
        Assert.DoesNotContain("本年度新增专家评审环节", annex2024, StringComparison.Ordinal);
        Assert.Contains("4%", annex2025.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("3.5%", annex2024.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Forms: the new required field is 2025's only.
        Assert.Contains("expertContact", await admin.GetStringAsync("/api/forms/application?year=2025"), StringComparison.Ordinal);
        Assert.DoesNotContain("expertContact", await admin.GetStringAsync("/api/forms/application?year=2024"), StringComparison.Ordinal);

        // Cases: the running 2024 case stayed on version 1 despite "migrate"; new cases start on their round's pin.
        Assert.Equal(1, (await _driver.InstanceAsync(running2024)).Version);
        var new2024 = await _driver.StartRecognitionAsync(year: 2024);
        var new2025 = await _driver.StartRecognitionAsync(WorkflowDriver.XiongUscc, year: 2025);
        Assert.Equal(1, (await _driver.InstanceAsync(new2024)).Version);
        Assert.Equal(2, (await _driver.InstanceAsync(new2025)).Version);
        Assert.Equal(2025, (await _driver.InstanceAsync(new2025)).RoundYear);

        // The 2024 application is checked against 2024's form: no new field needed.
        await _driver.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", new2024, "submit");
        var refused = await _driver.CompleteAsync($"ent.{WorkflowDriver.XiongUscc}", new2025, "submit");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("expertContact", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _driver.CompleteOkAsync($"ent.{WorkflowDriver.XiongUscc}", new2025, "submit", data: new { expertContact = "李明" });
    }

    [Fact]
    public async Task ClosedRound_RefusesNewCases_KeepsRunningOnes()
    {
        using var factory = new WorkflowFactory();
        var driver = new WorkflowDriver(factory);
        var running = await driver.StartRecognitionAsync();
        var admin = await factory.ClientFor("admin");
        (await admin.PostAsync("/api/rounds/2024/close", null)).EnsureSuccessStatusCode();

        var client = await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        var response = await client.PostAsJsonAsync("/api/instances", new { workflow = "recognition", variables = new { year = 2024 } });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("已截止", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await driver.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", running, "submit");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/rounds/2024/close", null)).StatusCode);
    }

    [Fact]
    public async Task Repin_MigratesOnlyThatRoundsCases_AndRefusesStrandingOrMissingVersions()
    {
        using var factory = new WorkflowFactory();
        var driver = new WorkflowDriver(factory);
        var admin = await factory.ClientFor("admin");
        var inProvince = await driver.StartRecognitionAsync();
        await driver.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", inProvince, "submit");

        var definition = (await admin.GetFromJsonAsync<JsonObject>("/api/workflows/recognition/versions/1"))!;
        WithExpertReview(definition);
        // Version 2 drops the county review step: a 2024 case sits there.
        var steps = (JsonArray)definition["steps"]!;
        var transitions = (JsonArray)definition["transitions"]!;
        steps.Remove(steps.First(s => s!["id"]!.GetValue<string>() == "countyReview"));
        foreach (var t in transitions.Where(t => t!["from"]!.GetValue<string>() == "countyReview").ToList())
        {
            transitions.Remove(t);
        }
        transitions.First(t => t!["key"]!.GetValue<string>() == "submit")!["to"] = "cityReview";
        foreach (var t in transitions.Where(t => t!["to"]!.GetValue<string>() == "countyReview").ToList())
        {
            t!["to"] = "submission";
        }
        var created = await admin.PostAsJsonAsync("/api/workflows/recognition/drafts", definition);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var draftId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["draftId"]!.GetValue<int>();
        (await admin.PostAsJsonAsync($"/api/workflows/recognition/drafts/{draftId}/publish", new { note = "试验" })).EnsureSuccessStatusCode();

        var missing = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { workflows = new { recognition = 9 }, forms = new { application = 99 }, migrate = false });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadAsStringAsync();
        Assert.Contains("workflows.recognition", problem, StringComparison.Ordinal);
        Assert.Contains("forms.application", problem, StringComparison.Ordinal);

        var preview = (await (await admin.PostAsJsonAsync("/api/rounds/2024/pins/preview", new { workflows = new { recognition = 2 }, migrate = true })).Content.ReadFromJsonAsync<JsonObject>())!;
        var step = preview["impacts"]![0]!["steps"]!.AsArray().Single(s => s!["stepId"]!.GetValue<string>() == "countyReview")!;
        Assert.Equal(1, step["instances"]!.GetValue<int>());
        Assert.False(step["existsInNew"]!.GetValue<bool>());

        var stranded = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { workflows = new { recognition = 2 }, migrate = true });
        Assert.Equal(HttpStatusCode.Conflict, stranded.StatusCode);
        Assert.Contains("county", (await stranded.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal(1, (await driver.InstanceAsync(inProvince)).Version);
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonObject>("/api/rounds/2024"))!["pins"]!["workflows"]!["recognition"]!.GetValue<int>());

        var repinned = await admin.PutAsJsonAsync("/api/rounds/2024/pins", new { workflows = new { recognition = 2 }, migrate = true, stepMapping = new { countyReview = "cityReview" } });
        Assert.True(repinned.IsSuccessStatusCode, await repinned.Content.ReadAsStringAsync());
        var moved = await driver.InstanceAsync(inProvince);
        Assert.Equal(2, moved.Version);
        Assert.Equal("cityReview", moved.CurrentStep);
        Assert.Contains(moved.Journal, j => j.Action == "migrate");
    }

    /// <summary>Inserts a province 专家评审 step between the province review and the 公示.</summary>
    internal static void WithExpertReview(JsonObject definition)
    {
        var steps = (JsonArray)definition["steps"]!;
        steps.Insert(4, new JsonObject
        {
            ["id"] = "expertReview", ["kind"] = "humanTask", ["title"] = "专家评审",
            ["assignee"] = new JsonObject { ["role"] = "province", ["scope"] = "province" },
        });
        var transitions = (JsonArray)definition["transitions"]!;
        transitions.First(t => t!["key"]!.GetValue<string>() == "shortlist")!["to"] = "expertReview";
        transitions.Add(new JsonObject { ["key"] = "pass", ["label"] = "评审通过", ["from"] = "expertReview", ["to"] = "shortlisted" });
    }
}

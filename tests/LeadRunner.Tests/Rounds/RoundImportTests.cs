using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Rounds;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Rounds;

/// <summary>POST /api/rounds/import: a round exported here runs the same in another installation, as a draft.</summary>
public class RoundImportTests
{
    private const string Addition = "<p>2025 年度新增：申报前请先完成在线自评。</p>";

    [Fact]
    public async Task Import_IntoAFreshDatabase_GivesADraftRoundThatBehavesTheSame()
    {
        using var source = new LeadRunnerFactory();
        var a = await source.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await a.PostAsync("/api/rounds/2024/copy-to/2025", null)).StatusCode);
        // 2025 follows the newest versions: a new annex text and a changed rule are part of it, not of the frozen 2024.
        var annex = JsonNode.Parse(await a.GetStringAsync("/api/templates/annex-01"))!;
        var saved = await a.PutAsJsonAsync("/api/templates/annex-01", new
        {
            text = annex["text"]!.GetValue<string>() + Addition, note = "2025 修订", baseVersion = annex["template"]!["version"]!.GetValue<int>(),
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.PutAsJsonAsync("/api/eligibility/rules/in-pool", new { title = "已纳入“领跑者”企业培育库（2025 年度）", note = "2025 修订" })).StatusCode);
        var file = await a.GetByteArrayAsync("/api/rounds/2025/export");
        var exported = JsonNode.Parse(file)!.AsObject();
        Assert.Contains(Addition, exported["templates"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "annex-01")!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        using var target = new LeadRunnerFactory();
        var b = await target.ClientFor("admin");
        var before = await RoundFiles.CountAsync(target);
        var preview = await RoundFiles.PostAsync(b, "/api/rounds/import/preview", file);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var plan = JsonNode.Parse(await preview.Content.ReadAsStringAsync())!;
        Assert.Equal(2025, plan["year"]!.GetValue<int>());
        Assert.True(plan["canImport"]!.GetValue<bool>());
        Assert.Equal(exported["workflows"]!.AsArray().Count, plan["counts"]!["workflows"]!.GetValue<int>());
        string Action(string kind, string key) => plan["items"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == kind && i["key"]!.GetValue<string>() == key)!["action"]!.GetValue<string>();
        Assert.Equal("publish", Action("template", "annex-01"));
        Assert.Equal("reuse", Action("template", "annex-02"));
        Assert.Equal("publish", Action("rule", "in-pool"));
        Assert.Equal("reuse", Action("workflow", "recognition"));
        Assert.Equal("same", Action("calendar", "2025"));
        Assert.Equal(before, await RoundFiles.CountAsync(target));

        var imported = await RoundFiles.PostAsync(b, "/api/rounds/import", file);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal("/api/rounds/2025", imported.Headers.Location!.ToString());
        var round = (await b.GetFromJsonAsync<RoundsApi.RoundDto>("/api/rounds/2025"))!;
        var original = (await a.GetFromJsonAsync<RoundsApi.RoundDto>("/api/rounds/2025"))!;
        Assert.Equal("draft", round.Status);
        Assert.True(round.FollowsLatest);
        Assert.Equal(original.Title, round.Title);

        // The pins resolve to versions with the same content (their numbers may differ).
        Assert.Equal(original.Pins.Workflows.Keys.Order(), round.Pins.Workflows.Keys.Order());
        foreach (var (id, version) in original.Pins.Workflows)
        {
            var mine = JsonNode.Parse(await a.GetStringAsync($"/api/workflows/{id}/versions/{version}"));
            var theirs = JsonNode.Parse(await b.GetStringAsync($"/api/workflows/{id}/versions/{round.Pins.Workflows[id]}"));
            Assert.True(JsonNode.DeepEquals(RoundImportPlanner.WithoutVersion(mine), RoundImportPlanner.WithoutVersion(theirs)), id);
        }
        foreach (var (key, version) in original.Pins.Forms)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await a.GetStringAsync($"/api/forms/{key}/versions/{version}")),
                JsonNode.Parse(await b.GetStringAsync($"/api/forms/{key}/versions/{round.Pins.Forms[key]}"))), key);
            // What someone filling the form for 2025 is given.
            Assert.True(JsonNode.DeepEquals(RoundImportPlanner.WithoutVersion(JsonNode.Parse(await a.GetStringAsync($"/api/forms/{key}?year=2025"))),
                RoundImportPlanner.WithoutVersion(JsonNode.Parse(await b.GetStringAsync($"/api/forms/{key}?year=2025")))), key);
        }
        foreach (var (key, version) in original.Pins.Templates)
        {
            Assert.Equal(JsonNode.Parse(await a.GetStringAsync($"/api/templates/{key}/versions/{version}"))!["text"]!.GetValue<string>(),
                JsonNode.Parse(await b.GetStringAsync($"/api/templates/{key}/versions/{round.Pins.Templates[key]}"))!["text"]!.GetValue<string>());
        }
        Assert.Equal("已纳入“领跑者”企业培育库（2025 年度）",
            JsonNode.Parse(await b.GetStringAsync("/api/eligibility/rules"))!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "in-pool")!["title"]!.GetValue<string>());

        // Exported again, it is the same round.
        Assert.True(JsonNode.DeepEquals(RoundFiles.Content(exported), RoundFiles.Content(await RoundFiles.ExportAsync(b, 2025))));

        // Opened on the same day, both give the same blank annexes for 2025.
        foreach (var client in new[] { a, b })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/rounds/2025/open", new { noticeDate = "2025-08-28" })).StatusCode);
        }
        for (var n = 1; n <= 9; n++)
        {
            var page = await b.GetStringAsync($"/api/documents/annex/{n}/blank.html?year=2025");
            Assert.Equal(await a.GetStringAsync($"/api/documents/annex/{n}/blank.html?year=2025"), page);
            Assert.Equal(n == 1, page.Contains("2025 年度新增：申报前请先完成在线自评。", StringComparison.Ordinal));
        }
        Assert.DoesNotContain("2025 年度新增", await b.GetStringAsync("/api/documents/annex/1/blank.html?year=2024"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAs_MovesTheDates_ReusesIdenticalVersions_AddsMissingCalendarYears_AndKeepsDifferingOnes()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var bundle = await RoundFiles.ExportAsync(admin, 2024);
        var stored2024 = await admin.GetStringAsync("/api/calendar/years/2024");
        var holidays = bundle["calendar"]![0]!["holidays"]!.AsObject();
        var firstDay = holidays.First().Key;
        holidays[firstDay] = "文件中的假期名称";
        bundle["calendar"]!.AsArray().Add(new JsonObject
        {
            ["year"] = 2031, ["holidays"] = new JsonObject { ["2031-10-01"] = "国庆节" }, ["adjustedWorkdays"] = new JsonObject(),
        });
        var before = await RoundFiles.CountAsync(factory);

        var response = await RoundFiles.PostAsync(admin, "/api/rounds/import?as=2027", RoundFiles.Bytes(bundle));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(answer["plan"]!["conflicts"]!.AsArray(), c => c!.GetValue<string>().Contains("本系统已有 2024 年工作日历", StringComparison.Ordinal)
            && c.GetValue<string>().Contains("保留本系统的内容", StringComparison.Ordinal));

        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2027"))!;
        Assert.Equal(2027, settings["year"]!.GetValue<int>());
        Assert.Equal("2027-09-12", settings["deadlines"]!["city"]!.GetValue<string>());
        Assert.Equal("2027-08-28", settings["noticeDate"]!.GetValue<string>());
        Assert.Equal("2027年度河北省特色产业集群“领跑者”企业认定", settings["title"]!.GetValue<string>());
        Assert.Equal("draft", (await admin.GetFromJsonAsync<RoundsApi.RoundDto>("/api/rounds/2027"))!.Status);

        var after = await RoundFiles.CountAsync(factory);
        // Every version was already this installation's newest: nothing published; one year, one round, one day, one log entry.
        Assert.Equal(before with { Programmes = before.Programmes + 1, ProgrammeVersions = before.ProgrammeVersions + 1, Rounds = before.Rounds + 1,
            CalendarDays = before.CalendarDays + 1, AuditEntries = after.AuditEntries }, after);
        Assert.True(after.AuditEntries > before.AuditEntries);
        Assert.Contains(answer["plan"]!["items"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "rules" && i["action"]!.GetValue<string>() == "reuse");
        Assert.Equal(stored2024, await admin.GetStringAsync("/api/calendar/years/2024"));
        Assert.Contains("国庆节", await admin.GetStringAsync("/api/calendar/years/2031"), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Rounds;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Rounds;

/// <summary>GET /api/rounds/{year}/export: one file with the round's settings and the full content of what it runs on.</summary>
public partial class RoundExportTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [GeneratedRegex("\"exportedAt\": \"[^\"]+\",\n")]
    private static partial Regex ExportedAt();

    [Fact]
    public async Task Export_Twice_GivesTheSameBytesApartFromTheExportTime_UnderAChineseFileName()
    {
        var admin = await factory.ClientFor("admin");
        var first = await admin.GetAsync("/api/rounds/2024/export");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("2024年度批次.round.json", first.Content.Headers.ContentDisposition!.FileNameStar);
        var a = await first.Content.ReadAsStringAsync();
        var b = await admin.GetStringAsync("/api/rounds/2024/export");

        Assert.Single(ExportedAt().Matches(a));
        Assert.Equal(ExportedAt().Replace(a, ""), ExportedAt().Replace(b, ""));
        // Readable by people: Chinese and template markup as written, not \u escapes.
        Assert.Contains("2024年度河北省特色产业集群“领跑者”企业认定", a, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", a, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CarriesTheSettingsAndTheFullContentOfEveryPinnedVersion()
    {
        var admin = await factory.ClientFor("admin");
        var bundle = await RoundFiles.ExportAsync(admin, 2024);
        var round = (await admin.GetFromJsonAsync<RoundsApi.RoundDto>("/api/rounds/2024"))!;

        Assert.Equal(RoundBundle.FormatName, bundle["format"]!.GetValue<string>());
        Assert.Equal(RoundBundle.CurrentSchemaVersion, bundle["schemaVersion"]!.GetValue<int>());
        Assert.Equal(2024, bundle["round"]!["year"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024")), bundle["settings"]));
        Assert.Equal(6, bundle["settings"]!["specialCategories"]!.AsArray().Count);

        var workflows = bundle["workflows"]!.AsArray();
        Assert.Equal(round.Pins.Workflows.Count, workflows.Count);
        foreach (var (id, version) in round.Pins.Workflows)
        {
            var part = workflows.Single(w => w!["id"]!.GetValue<string>() == id)!;
            Assert.Equal(version, part["version"]!.GetValue<int>());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await admin.GetStringAsync($"/api/workflows/{id}/versions/{version}")), part["definition"]), id);
        }
        var forms = bundle["forms"]!.AsArray();
        Assert.Equal(round.Pins.Forms.Count, forms.Count);
        foreach (var (key, version) in round.Pins.Forms)
        {
            var part = forms.Single(f => f!["key"]!.GetValue<string>() == key)!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await admin.GetStringAsync($"/api/forms/{key}/versions/{version}")), part["definition"]), key);
        }
        var templates = bundle["templates"]!.AsArray();
        Assert.Equal(round.Pins.Templates.Count, templates.Count);
        var annex = templates.Single(t => t!["key"]!.GetValue<string>() == "annex-01")!;
        Assert.Equal(1, annex["annex"]!.GetValue<int>());
        Assert.True(annex["hasBlank"]!.GetValue<bool>());
        Assert.Equal(["programme", "document"], annex["binds"]!.AsArray().Select(b => b!.GetValue<string>()));
        var text = JsonNode.Parse(await admin.GetStringAsync($"/api/templates/annex-01/versions/{round.Pins.Templates["annex-01"]}"))!["text"]!.GetValue<string>();
        Assert.Equal(text, annex["text"]!.GetValue<string>());

        Assert.Equal(round.RulesVersion, bundle["rules"]!["version"]!.GetValue<int>());
        var rules = bundle["rules"]!["items"]!.AsArray();
        Assert.Equal(15, rules.Count);
        Assert.Equal("pool-legal-entity", rules[0]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(rules[0]!["expression"]!.GetValue<string>()));

        // The round's year and every year its dates name; 2024's dates are all in 2024.
        var calendar = bundle["calendar"]!.AsArray();
        Assert.Equal([2024], calendar.Select(c => c!["year"]!.GetValue<int>()));
        var stored = JsonNode.Parse(await admin.GetStringAsync("/api/calendar/years/2024"))!;
        Assert.True(JsonNode.DeepEquals(stored["holidays"], calendar[0]!["holidays"]));
        Assert.True(JsonNode.DeepEquals(stored["adjustedWorkdays"], calendar[0]!["adjustedWorkdays"]));
    }

    [Fact]
    public async Task Export_IsForAdministratorsOnly_AndAnUnknownYearIs404InChinese()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/api/rounds/2024/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).GetAsync("/api/rounds/2024/export")).StatusCode);
        var missing = await (await factory.ClientFor("admin")).GetAsync("/api/rounds/1999/export");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("1999 年度批次不存在", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

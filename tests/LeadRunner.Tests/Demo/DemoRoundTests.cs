using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Demo;
using LeadRunner.Enterprises;
using LeadRunner.Publicity;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Demo;

/// <summary>The app with the 2024 demo round seeded, as <c>dotnet run</c> shows it.</summary>
public sealed class DemoRoundFactory : LeadRunnerFactory
{
    protected override bool SeedsDemoRound => true;
}

public class DemoRoundTests(DemoRoundFactory factory) : IClassFixture<DemoRoundFactory>
{
    private sealed record Row(long Id, string DefinitionId, int Version, string CurrentStep, string VariablesJson, int EnterpriseId, string UnitCode);

    private static readonly string[] DirectUnits = ["130682", "130181", "133100"];

    private static readonly List<string> Codes = [.. DemoRoundData.Firms.Select((f, i) => DemoRound.UsccOf(i, f.County))];

    private static async Task<List<Row>> CasesAsync(LeadRunnerDb db) =>
        await db.WorkflowInstances.Where(i => i.RoundYear == DemoRound.Year && Codes.Contains(i.Enterprise!.Uscc))
            .Select(i => new Row(i.Id, i.DefinitionId, i.Version, i.CurrentStep, i.VariablesJson, i.EnterpriseId!.Value, i.Enterprise!.County!.UnitCode))
            .ToListAsync();

    [Fact]
    public void Enterprises_HaveValidDistinctCodes()
    {
        Assert.All(Codes, c => Assert.True(UsccValidator.Validate(c).Valid, c));
        Assert.Equal(Codes.Count, Codes.Distinct().Count());
        Assert.DoesNotContain(Codes, c => DemoSeeder.Enterprises.Any(e => e.Uscc == c));
    }

    [Fact]
    public async Task Seed_FillsEveryStepAcrossTheUnits()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var cases = await CasesAsync(db);

        Assert.True(cases.Select(c => c.EnterpriseId).Distinct().Count() >= 50);
        var units = cases.Select(c => c.UnitCode).ToHashSet();
        Assert.True(units.Count >= 8);
        Assert.All(DirectUnits, u => Assert.Contains(u, units)); // 定州, 辛集, 雄安
        // Every step of both workflows, read from their definitions, holds at least one case.
        var definitions = scope.ServiceProvider.GetRequiredService<DefinitionCache>();
        foreach (var group in cases.GroupBy(c => (c.DefinitionId, c.Version)))
        {
            var definition = (await definitions.GetAsync(db, group.Key.DefinitionId, group.Key.Version))!;
            Assert.All(definition.Steps, s => Assert.Contains(group, c => c.CurrentStep == s.Id));
        }
        Assert.Equal("pool-entry,recognition", string.Join(',', cases.Select(c => c.DefinitionId).Distinct().Order()));
        var recognition = cases.Where(c => c.DefinitionId == "recognition").ToList();
        Assert.True(recognition.Count(c => c.CurrentStep == "provinceReview") >= 5);
        Assert.True(recognition.Count(c => c.CurrentStep == "rejected") >= 3);

        // A 公示 in progress with an objection under investigation; the first one's objections decided both ways.
        var objections = await db.Objections.Where(o => cases.Select(c => c.Id).Contains(o.CaseId)).ToListAsync();
        Assert.Contains(objections, o => !o.Decided && recognition.Single(c => c.Id == o.CaseId).CurrentStep == "publicity");
        Assert.Contains(objections, o => o.Status == ObjectionStatus.Upheld && recognition.Single(c => c.Id == o.CaseId).CurrentStep == "rejected");
        Assert.Contains(objections, o => o.Status == ObjectionStatus.Dismissed && recognition.Single(c => c.Id == o.CaseId).CurrentStep == "approved");

        // The journal carries the round's own dates, so days per step mean something.
        var journal = await db.Journal.Where(j => recognition.Select(c => c.Id).Contains(j.InstanceId)).Select(j => j.At).ToListAsync();
        Assert.All(journal, at => Assert.Equal(2024, at.Year));
    }

    [Fact]
    public async Task Authorised_HoldCertificatesThatVerify_TwoOfThemListed()
    {
        List<Row> approved;
        List<string> submissions;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            approved = [.. (await CasesAsync(db)).Where(c => c.CurrentStep == "approved")];
            var ids = approved.Select(c => (int?)c.EnterpriseId).ToList();
            submissions = await db.FormSubmissions.Where(s => s.FormKey == "application" && ids.Contains(s.EnterpriseId)).Select(s => s.DataJson).ToListAsync();
        }
        Assert.True(approved.Count >= 10);
        Assert.Equal(2, submissions.Count(s => JsonNode.Parse(s)!["listed"]?.GetValue<bool>() == true));

        var visitor = factory.AnonymousClient();
        foreach (var c in approved)
        {
            var code = JsonNode.Parse(c.VariablesJson)!["certificate"]!["code"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/verify/{code}")).StatusCode);
        }
        var lists = await visitor.GetStringAsync("/lists");
        Assert.Contains("领跑者", lists, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_AreScopedToTheCity()
    {
        var province = await (await factory.ClientFor("province")).GetFromJsonAsync<JsonObject>("/api/rounds/2024/stats");
        var dingzhou = await (await factory.ClientFor("city.130682")).GetFromJsonAsync<JsonObject>("/api/rounds/2024/stats");

        Assert.True(province!["total"]!.GetValue<int>() >= 45);
        var units = dingzhou!["byUnit"]!.AsArray().Select(u => u!["unitCode"]!.GetValue<string>()).ToList();
        Assert.Equal("130682", Assert.Single(units));
        Assert.Equal(DemoRoundData.Firms.Count(f => f.County == "130682" && f.Fate is not (DemoFate.PoolApplying or DemoFate.PoolAtCity or DemoFate.PoolAtCounty or DemoFate.PoolOnly or DemoFate.PoolRejected)),
            dingzhou["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Seed_RunTwice_AddsNothing()
    {
        async Task<(int, int, int, int, int)> CountsAsync(LeadRunnerDb db) =>
            (await db.WorkflowInstances.CountAsync(), await db.Journal.CountAsync(), await db.Objections.CountAsync(),
                await db.Enterprises.CountAsync(), await db.Users.CountAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var before = await CountsAsync(db);
        await scope.ServiceProvider.GetRequiredService<DemoRound>().SeedAsync();
        Assert.Equal(before, await CountsAsync(db));
    }
}

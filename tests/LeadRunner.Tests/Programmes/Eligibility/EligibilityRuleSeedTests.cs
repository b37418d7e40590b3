using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Tests.TestHost;
using LeadRunner.Tests.Workflow.Definitions;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Programmes.Eligibility;

/// <summary>workflows/rules/eligibility.json: every rule parses, and seeding adds only what the database lacks.</summary>
public class EligibilityRuleSeedTests
{
    [Fact]
    public void ShippedRules_AllParse_HaveUniqueIds_AndCoverEveryCategoryOf2024()
    {
        var rules = EligibilityRuleSet.Fixed(RuleHarness.Sandbox, RuleHarness.Shipped).Rules;
        Assert.All(rules, r => Assert.True(r.Ok, $"{r.Definition.Id}: {string.Join("；", r.Errors)}"));
        Assert.Equal(rules.Count, rules.Select(r => r.Definition.Id).Distinct().Count());
        Assert.Equal((5, 4, 6), (rules.Count(r => r.Definition.Group == RuleGroups.PoolEntry), rules.Count(r => r.Definition.Group == RuleGroups.Basic),
            rules.Count(r => r.Definition.Group == RuleGroups.Special)));
        Assert.Equal(RuleHarness.Year().Categories.Keys.Order(), rules.Select(r => r.Definition.Category).OfType<string>().Order());
        Assert.All(rules.Where(r => r.Definition.Group == RuleGroups.PoolEntry), r => Assert.True(r.Definition.Judgement));
    }

    [Fact]
    public async Task SeedingAgain_AddsOnlyMissingRules_AndKeepsAdministratorsEdits()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        (await admin.PutAsJsonAsync("/api/eligibility/rules/in-pool", new { title = "已纳入培育库（修订）" })).EnsureSuccessStatusCode();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        db.EligibilityRules.Remove(await db.EligibilityRules.SingleAsync(r => r.Id == "partners"));
        db.ArtifactVersions.RemoveRange(db.ArtifactVersions.Where(v => v.Kind == "rule" && v.Key == "partners"));
        await db.SaveChangesAsync();

        var store = scope.ServiceProvider.GetRequiredService<ArtifactStore>();
        await EligibilityRuleSeed.SeedAsync(db, store, EligibilityRuleSeed.FilePath(DefinitionFilesTests.Root));
        await EligibilityRuleSeed.SeedAsync(db, store, EligibilityRuleSeed.FilePath(DefinitionFilesTests.Root));

        Assert.Equal(15, await db.EligibilityRules.CountAsync());
        var edited = await db.EligibilityRules.AsNoTracking().SingleAsync(r => r.Id == "in-pool");
        Assert.Equal(("已纳入培育库（修订）", 2), (edited.Title, edited.Version));
        Assert.Equal(1, await db.ArtifactVersions.CountAsync(v => v.Kind == "rule" && v.Key == "partners"));
    }
}

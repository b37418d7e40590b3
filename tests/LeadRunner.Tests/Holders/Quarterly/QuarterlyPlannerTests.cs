using System.Text.Json.Nodes;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using static LeadRunner.Tests.Holders.Quarterly.QuarterlyScenario;

namespace LeadRunner.Tests.Holders.Quarterly;

/// <summary>Planning: once a quarter ends, each current holder owes its update, with a case to file it in; planning twice plans once.</summary>
public class QuarterlyPlannerTests
{
    [Fact]
    public async Task QuarterEnd_PlansTheObligationAndItsCase_Once()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync();
        Assert.Equal(new DateOnly(2024, 9, 10), holder.GrantedOn);

        // Nothing is owed before the first quarter after the grant has ended.
        factory.FakeClock.SetUtcNow(At(2024, 9, 30, 23, 59));
        Assert.Equal(0, await scenario.PlanAsync());
        Assert.False(await scenario.WithDbAsync(db => db.Obligations.IgnoreQueryFilters().AnyAsync(o => o.HolderId == holder.Id)));

        factory.FakeClock.SetUtcNow(At(2024, 10, 1));
        Assert.Equal(1, await scenario.PlanAsync());
        factory.FakeClock.SetUtcNow(At(2025, 1, 1));
        // Two planners at once and a third afterwards: 2024Q4 is planned once.
        var runs = await Task.WhenAll(scenario.PlanAsync(), scenario.PlanAsync());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await scenario.PlanAsync());

        var obligations = await scenario.WithDbAsync(db => db.Obligations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.HolderId == holder.Id).OrderBy(o => o.Period).ToListAsync());
        Assert.Equal(["2024Q3", "2024Q4"], obligations.Select(o => o.Period));
        Assert.All(obligations, o => Assert.Equal(ObligationKind.QuarterlyUpdate, o.Kind));
        Assert.Equal([new DateOnly(2024, 10, 15), new DateOnly(2025, 1, 15)], obligations.Select(o => o.DueDate));

        var q4 = obligations[1];
        var instance = await scenario.Drive.InstanceAsync(q4.InstanceId!.Value);
        Assert.Equal(("quarterly-update", "fill", 2024), (instance.DefinitionId, instance.CurrentStep, instance.RoundYear));
        Assert.Equal("2024Q4", instance.Variables!["period"]!.GetValue<string>());
        Assert.Equal("2025-01-15", instance.Variables["dueDate"]!.GetValue<string>());
        Assert.Equal(2024, instance.Variables["year"]!.GetValue<int>());
        Assert.EndsWith("（2024年第四季度）", instance.Title, StringComparison.Ordinal);
        var task = Assert.Single(instance.OpenTasks);
        Assert.Equal(("enterprise", At(2025, 1, 16, 0, 0)), (task.Role, task.DueAt));
        Assert.Contains("2024年第四季度", task.Title, StringComparison.Ordinal);
        Assert.Equal(2, await scenario.WithDbAsync(db => db.WorkflowInstances.IgnoreQueryFilters().CountAsync(i => i.DefinitionId == "quarterly-update")));
    }

    [Fact]
    public async Task QuarterPlannedLate_GetsTheUsualFifteenDaysFromThePlanning()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync();
        // The planner did not run from the end of September until 2024-11-20: 2024Q3's rule date (10-15) has passed,
        // so the enterprise, never asked, gets 15 days from now rather than a case overdue at once.
        await scenario.MoveToAsync(At(2024, 11, 20, 9));
        var q3 = await scenario.ObligationAsync(holder.Id, "2024Q3");
        Assert.Equal(new DateOnly(2024, 12, 5), q3.DueDate);
        Assert.Equal("fill", (await scenario.Drive.InstanceAsync(q3.InstanceId!.Value)).CurrentStep);
    }

    [Fact]
    public async Task RevokedHolder_OwesNothingFurther()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync(WorkflowDriver.XiongUscc);
        await scenario.WithDbAsync(async db =>
        {
            var h = await db.TitleHolders.IgnoreQueryFilters().SingleAsync(x => x.Id == holder.Id);
            h.Status = HolderStatus.Revoked;
            return await db.SaveChangesAsync();
        });
        factory.FakeClock.SetUtcNow(At(2025, 1, 1));
        Assert.Equal(0, await scenario.PlanAsync());
        Assert.False(await scenario.WithDbAsync(db => db.Obligations.IgnoreQueryFilters().AnyAsync(o => o.HolderId == holder.Id)));
    }

    [Fact]
    public async Task Filing_FulfilsTheObligation_AndTheCaseKeepsTheData()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync();
        await scenario.MoveToAsync(At(2024, 10, 8, 9));
        var q3 = await scenario.ObligationAsync(holder.Id, "2024Q3");

        var response = await scenario.FileAsync(WorkflowDriver.QingheUscc, q3.InstanceId!.Value, Filing(revenue: 91_000_000m));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var done = await scenario.ObligationAsync(holder.Id, "2024Q3");
        Assert.Equal(At(2024, 10, 8, 9), done.DoneAt);
        var instance = await scenario.Drive.InstanceAsync(q3.InstanceId.Value);
        Assert.Equal(("completed", "submitted", "submitted"), (instance.Status, instance.Outcome, instance.CurrentStep));
        Assert.Equal(91_000_000m, instance.Variables!["quarterlyUpdate"]!["revenue"]!.GetValue<decimal>());
        // The deadline timer and its reminder went with the step.
        Assert.False(await scenario.WithDbAsync(db => db.Timers.AnyAsync(t => t.InstanceId == q3.InstanceId && t.Status == TimerStatus.Pending)));
    }
}

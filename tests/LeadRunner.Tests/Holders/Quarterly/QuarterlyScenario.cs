using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Holders.Quarterly;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Holders.Quarterly;

/// <summary>
/// A holder made by a real recognition case (granted 2024-09-10 on the fake clock), then moved through quarters: the
/// planner and the timers run when the test says, as the background services would.
/// </summary>
internal sealed class QuarterlyScenario(WorkflowFactory factory)
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);
    public WorkflowDriver Drive { get; } = new(factory);

    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 5) => new(year, month, day, hour, minute, 0, China);

    public static (string County, string City) Offices(string uscc) =>
        uscc == WorkflowDriver.XiongUscc ? ("county.130638", "city.133100") : ("county.130534", "city.130500");

    /// <summary>Makes the enterprise a 2024 holder; listed when asked (as its application's "listed" box would).</summary>
    public async Task<TitleHolder> HolderAsync(string uscc = WorkflowDriver.QingheUscc, bool listed = false)
    {
        var (county, city) = Offices(uscc);
        await Drive.ToHolderAsync(uscc, county, city);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var holder = await db.TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Enterprise!.Uscc == uscc);
        holder.Listed = listed;
        await db.SaveChangesAsync();
        return holder;
    }

    public Task<int> PlanAsync() => factory.Services.GetRequiredService<QuarterlyPlanner>().PlanDueAsync();

    public Task<int> FireAsync() => factory.Services.GetRequiredService<TimerRunner>().RunDueAsync();

    /// <summary>Moves the clock there, then plans and fires what is due, as the background services would.</summary>
    public async Task MoveToAsync(DateTimeOffset at)
    {
        factory.FakeClock.SetUtcNow(at);
        await PlanAsync();
        while (await FireAsync() > 0)
        {
        }
    }

    public async Task<Obligation> ObligationAsync(long holderId, string period)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return await db.Obligations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.HolderId == holderId && o.Kind == ObligationKind.QuarterlyUpdate && o.Period == period);
    }

    public async Task<T> WithDbAsync<T>(Func<LeadRunnerDb, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeadRunnerDb>());
    }

    /// <summary>A valid quarterly filing, as the form sends it.</summary>
    public static object Filing(decimal revenue = 86_000_000m, int employees = 320, string contact = "王芳") => new
    {
        revenue, profit = 5_200_000m, tax = 1_300_000m, rdExpense = 3_100_000m, equipmentInvestment = 800_000m, employees,
        hasMajorEvents = false, contactName = contact, contactPhone = "0319-2345678",
    };

    /// <summary>Plans 2024Q3 when it ends (2024-10-01) and files it at once, so that only the quarters after it are open.</summary>
    public async Task FileThirdQuarterAsync(TitleHolder holder, string uscc)
    {
        await MoveToAsync(At(2024, 10, 1, 9));
        var q3 = await ObligationAsync(holder.Id, "2024Q3");
        var response = await FileAsync(uscc, q3.InstanceId!.Value);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The enterprise files the quarter in its open task (fill or overdue step).</summary>
    public async Task<HttpResponseMessage> FileAsync(string uscc, long caseId, object? data = null)
    {
        var client = await factory.ClientFor($"ent.{uscc}");
        var taskId = await Drive.TaskIdAsync($"ent.{uscc}", caseId);
        return await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "submit", data = data ?? Filing() });
    }
}

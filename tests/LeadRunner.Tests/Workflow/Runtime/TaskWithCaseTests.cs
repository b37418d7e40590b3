using System.Security.Claims;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>
/// Task completion reads its task, case and enterprise with plain SQL and applies the region scope (the compiled
/// rules the query filters are built from) in C#. These tests hold that read to what EF Core would have read (every
/// column, the same values) and show it refuses what lies outside the actor's scope, for each kind of role.
/// </summary>
public class TaskWithCaseTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    [Fact]
    public void ColumnLists_CoverEveryColumnOfTasksAndCases()
    {
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Model;
        Assert.Equal(Columns(model.FindEntityType(typeof(HumanTask))!), TaskWithCase.TaskColumns.Order());
        Assert.Equal(Columns(model.FindEntityType(typeof(WorkflowInstance))!), TaskWithCase.InstanceColumns.Order());
    }

    [Fact]
    public async Task Read_GivesTheValuesEfCoreReads_AndTracksThem()
    {
        var (_, taskId) = await SeedAsync(enterpriseId: 1, new TaskRoute(null, "130534", null), everyField: true);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var expectedTask = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
        var expectedCase = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == expectedTask.InstanceId);
        var expectedParty = await CaseTransitions.LoadPartyAsync(db, 1);

        await db.Database.OpenConnectionAsync();
        var row = await TaskWithCase.ReadAsync(db, taskId);

        Assert.NotNull(row);
        AssertSameValues(expectedTask, row.Task);
        AssertSameValues(expectedCase, row.Instance);
        Assert.Equal(expectedParty, row.Party);
        Assert.Equal(EntityState.Unchanged, db.Entry(row.Task).State);
        Assert.Equal(EntityState.Unchanged, db.Entry(row.Instance).State);
        Assert.Same(row.Instance, row.Task.Instance);
    }

    [Fact]
    public async Task Read_OfAnUnknownTask_IsNull()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        await db.Database.OpenConnectionAsync();
        Assert.Null(await TaskWithCase.ReadAsync(db, long.MaxValue));
    }

    [Fact]
    public async Task Read_ReturnsTheEntityTheContextAlreadyTracks()
    {
        var (_, taskId) = await SeedAsync(enterpriseId: 1, new TaskRoute(null, "130534", null));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var tracked = await db.Tasks.SingleAsync(t => t.Id == taskId);
        tracked.ClaimedBy = "changed in memory";
        await db.Database.OpenConnectionAsync();

        var row = await TaskWithCase.ReadAsync(db, taskId);

        Assert.Same(tracked, row!.Task);
        Assert.Equal("changed in memory", row.Task.ClaimedBy);
    }

    [Theory]
    [InlineData(Roles.Enterprise, "1", null, "enterprise", true)]
    [InlineData(Roles.Enterprise, "2", null, "enterprise", false)]  // another enterprise
    [InlineData(Roles.Enterprise, "1", null, "county", false)]      // its own case, but the task is the county's
    [InlineData(Roles.County, "130534", null, "county", true)]       // 清河县, the enterprise's county
    [InlineData(Roles.County, "130582", null, "county", false)]      // 沙河市, another county of the same unit
    [InlineData(Roles.County, "130534", null, "unit", false)]        // the task went up to the city
    [InlineData(Roles.City, null, "130500", "unit", true)]           // 邢台市, the enterprise's unit
    [InlineData(Roles.City, null, "133100", "unit", false)]          // 雄安新区
    [InlineData(Roles.City, null, "130500", "county", false)]        // a county's task in its own unit
    [InlineData(Roles.Province, null, null, "county", true)]
    [InlineData(Roles.Province, null, null, "province", true)]
    [InlineData("", null, null, "province", false)]                  // nobody
    public async Task Read_RefusesATaskOutsideTheActorsScope(string role, string? code, string? unitCode, string routedTo, bool seen)
    {
        var route = routedTo switch
        {
            "enterprise" => new TaskRoute(1, null, null),
            "county" => new TaskRoute(null, "130534", null),
            "unit" => new TaskRoute(null, null, "130500"),
            _ => new TaskRoute(null, null, null),
        };
        var (_, taskId) = await SeedAsync(enterpriseId: 1, route);

        Assert.Equal(seen, await ReadAsAsync(role, code, unitCode, taskId) is not null);
    }

    [Theory]
    [InlineData(Roles.County, "130534", null, false)]
    [InlineData(Roles.City, null, "130500", false)]
    [InlineData(Roles.Province, null, null, true)]
    public async Task Read_OfACaseAboutNoEnterprise_IsForWhoSeesEverything(string role, string? code, string? unitCode, bool seen)
    {
        // The task is routed into the actor's region, but its case (a custom workflow) is about no enterprise.
        var (_, taskId) = await SeedAsync(enterpriseId: null, new TaskRoute(null, code, unitCode));

        Assert.Equal(seen, await ReadAsAsync(role, code, unitCode, taskId) is not null);
    }

    private async Task<TaskWithCase?> ReadAsAsync(string role, string? code, string? unitCode, long taskId)
    {
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = User(role, code, unitCode) } };
        try
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            await db.Database.OpenConnectionAsync();
            return await TaskWithCase.ReadAsync(db, taskId);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private sealed record TaskRoute(int? EnterpriseId, string? CountyCode, string? UnitCode);

    /// <summary>A case (with or without an enterprise) and one task routed as given, written as the system.</summary>
    private async Task<(long InstanceId, long TaskId)> SeedAsync(int? enterpriseId, TaskRoute route, bool everyField = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var at = new DateTimeOffset(2024, 9, 2, 1, 2, 3, TimeSpan.Zero);
        var instance = new WorkflowInstance
        {
            DefinitionId = "recognition", Version = 1, Title = "读取测试", EnterpriseId = enterpriseId, CurrentStep = "countyReview",
            StepEnteredAt = at, VariablesJson = """{"year":2024}""", StartedAt = at.AddDays(-1), StartedBy = "tester",
            Outcome = everyField ? "pending" : null, EndedAt = everyField ? at.AddDays(3) : null, Revision = 7,
        };
        var task = new HumanTask
        {
            Instance = instance, StepId = "countyReview", Title = "县级审核：读取测试", Role = Roles.County,
            EnterpriseId = route.EnterpriseId, CountyCode = route.CountyCode, UnitCode = route.UnitCode, CreatedAt = at,
            DueAt = everyField ? at.AddDays(5) : null, Escalated = everyField, ClaimedBy = everyField ? "county.130534" : null,
            ClaimedAt = everyField ? at.AddHours(1) : null, Status = HumanTaskStatus.Open, CompletedBy = everyField ? "nobody" : null,
            CompletedAt = everyField ? at.AddHours(2) : null, Outcome = everyField ? "审核通过" : null, Revision = 3,
        };
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return (instance.Id, task.Id);
    }

    private static ClaimsPrincipal User(string role, string? code, string? unitCode)
    {
        if (role.Length == 0)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, $"{role}.test"), new(ClaimTypes.Role, role) };
        if (role == Roles.Enterprise)
        {
            claims.Add(new Claim(ScopeClaims.EnterpriseId, code!));
        }
        else if (code is not null)
        {
            claims.Add(new Claim(ScopeClaims.CountyCode, code));
        }
        if (unitCode is not null)
        {
            claims.Add(new Claim(ScopeClaims.UnitCode, unitCode));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static IEnumerable<string> Columns(IEntityType type) =>
        type.GetProperties().Select(p => p.GetColumnName()).Order();

    private static void AssertSameValues<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string)))
        {
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)),
                $"{typeof(T).Name}.{property.Name}: EF 读到 {property.GetValue(expected)}，直接读取得到 {property.GetValue(actual)}");
        }
    }
}

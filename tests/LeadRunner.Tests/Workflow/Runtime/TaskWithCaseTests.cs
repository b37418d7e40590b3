using System.Security.Claims;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>
/// Task completion reads its task, case and enterprise with plain SQL and applies the scope filters in C#. These
/// tests hold that read to what EF Core would have read: every column, the same values, the same rows visible.
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
        var expectedParty = await WorkflowEngine.LoadPartyAsync(db, 1);

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

    public static TheoryData<string, string?, string?> Scopes => new()
    {
        { Roles.Province, null, null },
        { Roles.County, "130534", null },   // 清河县, the enterprise's county
        { Roles.County, "130582", null },   // 沙河市, another county of the same unit
        { Roles.City, null, "130500" },     // 邢台市, the enterprise's unit
        { Roles.City, null, "133100" },     // 雄安新区
        { Roles.Enterprise, "1", null },    // the enterprise itself
        { Roles.Enterprise, "2", null },    // another enterprise
        { "", null, null },                 // nobody
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Visibility_IsExactlyWhatTheQueryFiltersAllow(string role, string? code, string? unitCode)
    {
        var routes = new[]
        {
            new TaskRoute(null, "130534", null), new TaskRoute(null, null, "130500"), new TaskRoute(null, null, null),
            new TaskRoute(1, null, null), new TaskRoute(null, "130582", null), new TaskRoute(null, null, "133100"),
        };
        var tasks = new List<long>();
        foreach (var route in routes)
        {
            tasks.Add((await SeedAsync(enterpriseId: 1, route)).TaskId);
            tasks.Add((await SeedAsync(enterpriseId: null, route)).TaskId); // a case about no enterprise (custom workflows)
        }

        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = User(role, code, unitCode) } };
        try
        {
            foreach (var taskId in tasks)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
                var efSees = await db.Tasks.AnyAsync(t => t.Id == taskId && db.WorkflowInstances.Any(i => i.Id == t.InstanceId));
                await db.Database.OpenConnectionAsync();
                var read = await TaskWithCase.ReadAsync(db, taskId);
                Assert.True(efSees == (read is not null), $"任务 {taskId}：查询过滤器{(efSees ? "可见" : "不可见")}，直接读取{(read is null ? "不可见" : "可见")}");
            }
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

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Rounds.Dashboard;

/// <summary>
/// A 2025 round (copied from 2024 and opened) holding only known cases, so every count is exact whatever the demo
/// data puts in 2024. Verdicts, journal and tasks are written as the engine writes them.
/// </summary>
public sealed class DashboardData : IAsyncLifetime
{
    public const int Year = 2025;
    public const string Qinghe = "91130534MA0CQH1106";  // 清河县 → 邢台市 (130500)
    public const string Shahe = "91130582MA0HP3W19U";   // 沙河市 → 邢台市 (130500)
    public const string Xiong = "91130638MA0FB9N1XF";   // 雄县 → 雄安新区 (133100)
    public const string Xinji = "91130181MA0DJ7R11T";   // 辛集市 (130181)

    public LeadRunnerFactory Factory { get; } = new();

    private static readonly DateTimeOffset Start = new(2025, 9, 1, 1, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => SeedAsync(Factory);

    /// <summary>Opens the round and adds the cases (the browser test seeds its own host the same way).</summary>
    public static async Task SeedAsync(LeadRunnerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/rounds/2024/copy-to/{Year}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/rounds/{Year}/open", new { })).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var version = (await DefinitionCache.CurrentVersionAsync(db, "recognition"))!.Value;
        var ids = await db.Enterprises.Where(e => new[] { Qinghe, Shahe, Xiong, Xinji }.Contains(e.Uscc)).ToDictionaryAsync(e => e.Uscc, e => e.Id);

        // 清河: eligible, at the city, its city task overdue; 2 days in submission, 4 at the county.
        await AddAsync(db, version, ids[Qinghe], "cityReview", Verdict(true, ("in-pool", "basic", "pass"), ("rd-ratio", "basic", "pass"), ("special-tech-innovation", "special", "pass")),
            ["科技创新"], [("submission", 2), ("countyReview", 4), ("cityReview", 0)],
            new HumanTask { StepId = "cityReview", Title = "市级工信部门审核推荐", Role = "city", CountyCode = "130534", UnitCode = "130500", DueAt = new(2025, 9, 20, 0, 0, 0, TimeSpan.Zero) });
        // 沙河: R&D below the threshold and the green claim unproven; at the county, its task not yet due.
        await AddAsync(db, version, ids[Shahe], "countyReview", Verdict(false, ("in-pool", "basic", "pass"), ("rd-ratio", "basic", "fail"), ("special-green", "special", "fail")),
            ["绿色低碳"], [("submission", 4), ("countyReview", 0)],
            new HumanTask { StepId = "countyReview", Title = "县级工信部门审核", Role = "county", CountyCode = "130582", UnitCode = "130500", DueAt = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        // 雄县: R&D left to the reviewer's judgement; at the province, its task overdue.
        await AddAsync(db, version, ids[Xiong], "provinceReview", Verdict(true, ("in-pool", "basic", "pass"), ("rd-ratio", "basic", "judgement"), ("special-tech-innovation", "special", "pass")),
            ["科技创新", "数字化智能化"], [("submission", 1), ("countyReview", 2), ("cityReview", 6), ("provinceReview", 0)],
            new HumanTask { StepId = "provinceReview", Title = "省工业和信息化厅审定初选名单", Role = "province", DueAt = new(2025, 10, 1, 0, 0, 0, TimeSpan.Zero) });
        // 辛集: still filling in, no verdict yet.
        await AddAsync(db, version, ids[Xinji], "submission", null, [], [("submission", 0)], null);
        // Another workflow in the same year is not a recognition case.
        db.WorkflowInstances.Add(new WorkflowInstance
        {
            DefinitionId = "pool-entry", Version = 1, RoundYear = Year, Title = "培育库入库申请", EnterpriseId = ids[Qinghe], CurrentStep = "cityReview",
            StepEnteredAt = Start, StartedAt = Start, StartedBy = $"ent.{Qinghe}",
        });
        await db.SaveChangesAsync();
    }

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["in-pool"] = "已纳入“领跑者”企业培育库", ["rd-ratio"] = "研发投入占比达到年度门槛",
        ["special-tech-innovation"] = "科技创新发展", ["special-green"] = "绿色低碳发展",
    };

    private static JsonObject Verdict(bool eligible, params (string Id, string Group, string Result)[] rules) => new()
    {
        ["eligible"] = eligible, ["settingsVersion"] = 1,
        ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id, ["group"] = r.Group, ["title"] = Titles[r.Id], ["result"] = r.Result, ["explanation"] = "测试",
        })]),
    };

    /// <summary>A case that went through the given steps, staying the given days in each (the last is where it is).</summary>
    private static async Task AddAsync(LeadRunnerDb db, int version, int enterpriseId, string step, JsonObject? verdict, string[] claims,
        (string Step, int Days)[] path, HumanTask? task)
    {
        var variables = new JsonObject { ["year"] = Year, ["application"] = new JsonObject
        {
            ["specialConditions"] = new JsonArray([.. claims.Select(c => (JsonNode)new JsonObject { ["category"] = c, ["items"] = new JsonArray("测试事项") })]),
        } };
        if (verdict is not null)
        {
            variables["eligibility"] = verdict;
        }
        var instance = new WorkflowInstance
        {
            DefinitionId = "recognition", Version = version, RoundYear = Year, Title = "领跑者认定申报", EnterpriseId = enterpriseId, CurrentStep = step,
            StepEnteredAt = Start, VariablesJson = variables.ToJsonString(), StartedAt = Start, StartedBy = "test",
        };
        db.WorkflowInstances.Add(instance);
        await db.SaveChangesAsync();
        var at = Start;
        string? from = null;
        foreach (var (to, days) in path)
        {
            db.Journal.Add(new JournalEntry { InstanceId = instance.Id, At = at, Actor = "test", FromStep = from, ToStep = to, Action = from is null ? "start" : "go", ActionLabel = "办理" });
            (from, at) = (to, at.AddDays(days));
        }
        // A reassignment stays in the step: it neither ends nor restarts the stay.
        db.Journal.Add(new JournalEntry { InstanceId = instance.Id, At = Start.AddHours(1), Actor = "test", FromStep = "submission", ToStep = "submission", Action = "claim", ActionLabel = "认领" });
        if (task is not null)
        {
            db.Tasks.Add(new HumanTask
            {
                InstanceId = instance.Id, StepId = task.StepId, Title = task.Title, Role = task.Role, EnterpriseId = enterpriseId,
                CountyCode = task.CountyCode, UnitCode = task.UnitCode, DueAt = task.DueAt, CreatedAt = Start,
            });
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}

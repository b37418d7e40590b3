using System.Security.Claims;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>Cases: start one, read one with its journal, take an action that is not tied to a task.</summary>
public static class InstancesApi
{
    public sealed record StartRequest(string? Workflow, int? EnterpriseId, JsonObject? Variables);
    public sealed record ActionRequest(string? Comment, JsonObject? Data);
    public sealed record StartedDto(long Id, string CurrentStep, int Version, int? RoundYear);
    public sealed record JournalDto(DateTimeOffset At, string Actor, string? FromStep, string ToStep, string Action, string ActionLabel, string? Comment, string? ChangedVariables);
    public sealed record InstanceDto(long Id, string DefinitionId, int Version, string Title, int? EnterpriseId, string CurrentStep, string CurrentStepTitle,
        string Status, string? Outcome, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, JsonNode? Variables,
        IReadOnlyList<Inbox.TaskDto> OpenTasks, IReadOnlyList<Inbox.ActionDto> Actions, IReadOnlyList<JournalDto> Journal)
    {
        /// <summary>The round the case belongs to.</summary>
        public int? RoundYear { get; init; }
    }

    public static void MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("流程实例").RequireAuthorization();
        group.MapPost("/", Start)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("StartWorkflowInstance").WithSummary("发起案件")
            .WithDescription("按指定流程发起一个案件并打开第一批待办；企业只能为本企业发起，其他角色须指明企业且企业在其管辖范围内。缺少流程或变量有误返回 400，流程不存在或企业不在管辖范围内返回 404，角色不能发起返回 403，不满足发起条件返回 409。");
        group.MapGet("/{id:long}", Get)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetWorkflowInstance").WithSummary("查看案件")
            .WithDescription("返回案件的当前环节、变量、未办待办、当前用户可执行的操作和办理记录。只能查看管辖范围内的案件（企业只看本企业），否则返回 404。");
        group.MapPost("/{id:long}/actions/{action}", Act)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("TakeWorkflowInstanceAction").WithSummary("对案件执行操作")
            .WithDescription("执行案件当前环节上不依附于待办任务的操作（如撤回申报），附意见和数据。数据有误返回 400，案件不存在返回 404，无权执行返回 403，案件状态已变返回 409。");
    }

    public static async Task<Results<Created<StartedDto>, ProblemHttpResult, ValidationProblem>> Start(StartRequest request, StartCase startCase, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Workflow))
        {
            return ApiProblems.Invalid("workflow", "请指明要发起的流程。");
        }
        var actor = Actor.From(http.User);
        // An enterprise always acts for itself.
        var enterpriseId = actor.Scope.Role == Roles.Enterprise ? actor.Scope.EnterpriseId : request.EnterpriseId;
        var outcome = await startCase.StartAsync(request.Workflow, enterpriseId, request.Variables, actor);
        return outcome is TransitionOutcome.Done done
            ? TypedResults.Created($"/api/instances/{done.Instance.Id}", new StartedDto(done.Instance.Id, done.Instance.CurrentStep, done.Instance.Version, done.Instance.RoundYear))
            : TasksApi.Refuse<Created<StartedDto>>(outcome);
    }

    public static async Task<Results<Ok<TasksApi.CompleteResponse>, ProblemHttpResult, ValidationProblem>> Act(
        long id, string action, ActionRequest request, TakeAction takeAction, HttpContext http) =>
        TasksApi.Completed(await takeAction.TakeAsync(id, action, request.Comment, request.Data, Actor.From(http.User)));

    public static async Task<Results<Ok<InstanceDto>, ProblemHttpResult>> Get(long id, LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, HttpContext http) =>
        await FindAsync(id, db, definitions, clock, http.User) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound($"案件 {id} 不存在或不在您的管辖范围内。");

    /// <summary>
    /// A case as the user may see it, or null when it does not exist or lies outside the user's scope (the context's
    /// filters decide); the API and the case pages read it here, so they show the same case and the same actions.
    /// </summary>
    public static async Task<InstanceDto?> FindAsync(long id, LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, ClaimsPrincipal user)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
        if (instance is null)
        {
            return null;
        }
        var definition = await definitions.GetAsync(db, instance.DefinitionId, instance.Version);
        var now = clock.GetUtcNow();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == id && t.Status == HumanTaskStatus.Open).ToListAsync();
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Id)
            .Select(j => new JournalDto(j.At, j.Actor, j.FromStep, j.ToStep, j.Action, j.ActionLabel, j.Comment, j.ChangedVariablesJson)).ToListAsync();
        var actor = Actor.From(user);
        var party = instance.EnterpriseId is { } eid ? await CaseTransitions.LoadPartyAsync(db, eid) : null;
        var actions = instance.Status != InstanceStatus.Running || definition is null ? [] : definition.From(instance.CurrentStep)
            .Where(t => t.Trigger == TriggerKind.Human && t.Role is not null)
            .Where(t => RegionRouting.Resolve(t.Scope ?? ScopeRule.Province, party) is var (e, c, u) && RegionRouting.Matches(actor.Scope, t.Role!, e, c, u))
            .Select(t => new Inbox.ActionDto(t.Key, t.Label, t.Requires.Contains("comment"), t.Form)).ToList();
        return new InstanceDto(instance.Id, instance.DefinitionId, instance.Version, instance.Title, instance.EnterpriseId,
            instance.CurrentStep, definition?.Step(instance.CurrentStep)?.Title ?? instance.CurrentStep,
            instance.Status == InstanceStatus.Running ? "running" : "completed", instance.Outcome, instance.StartedAt, instance.EndedAt,
            JsonNode.Parse(instance.VariablesJson), tasks.Select(t => Inbox.ToDto(t, instance.Title, definition, now)).ToList(), actions, journal)
        { RoundYear = instance.RoundYear };
    }
}

using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>Cases: start one, read one with its journal, take an action that is not tied to a task.</summary>
public static class InstancesApi
{
    public sealed record StartRequest(string? Workflow, int? EnterpriseId, JsonObject? Variables);
    public sealed record ActionRequest(string? Comment, JsonObject? Data);
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
        group.MapPost("/", Start);
        group.MapGet("/{id:long}", Get);
        group.MapPost("/{id:long}/actions/{action}", async (long id, string action, ActionRequest request, TakeAction takeAction, HttpContext http) =>
            TasksApi.ToResult(await takeAction.TakeAsync(id, action, request.Comment, request.Data, Actor.From(http.User))));
    }

    public static async Task<IResult> Start(StartRequest request, StartCase startCase, HttpContext http)
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
            ? TypedResults.Created($"/api/instances/{done.Instance.Id}", new { done.Instance.Id, done.Instance.CurrentStep, done.Instance.Version, done.Instance.RoundYear })
            : TasksApi.ToResult(outcome);
    }

    public static async Task<IResult> Get(long id, LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, HttpContext http)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
        if (instance is null)
        {
            return ApiProblems.NotFound($"案件 {id} 不存在或不在您的管辖范围内。");
        }
        var definition = await definitions.GetAsync(db, instance.DefinitionId, instance.Version);
        var now = clock.GetUtcNow();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == id && t.Status == HumanTaskStatus.Open).ToListAsync();
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Id)
            .Select(j => new JournalDto(j.At, j.Actor, j.FromStep, j.ToStep, j.Action, j.ActionLabel, j.Comment, j.ChangedVariablesJson)).ToListAsync();
        var actor = Actor.From(http.User);
        var party = instance.EnterpriseId is { } eid ? await CaseTransitions.LoadPartyAsync(db, eid) : null;
        var actions = instance.Status != InstanceStatus.Running || definition is null ? [] : definition.From(instance.CurrentStep)
            .Where(t => t.Trigger == TriggerKind.Human && t.Role is not null)
            .Where(t => RegionRouting.Resolve(t.Scope ?? ScopeRule.Province, party) is var (e, c, u) && RegionRouting.Matches(actor.Scope, t.Role!, e, c, u))
            .Select(t => new Inbox.ActionDto(t.Key, t.Label, t.Requires.Contains("comment"), t.Form)).ToList();
        return TypedResults.Ok(new InstanceDto(instance.Id, instance.DefinitionId, instance.Version, instance.Title, instance.EnterpriseId,
            instance.CurrentStep, definition?.Step(instance.CurrentStep)?.Title ?? instance.CurrentStep,
            instance.Status == InstanceStatus.Running ? "running" : "completed", instance.Outcome, instance.StartedAt, instance.EndedAt,
            JsonNode.Parse(instance.VariablesJson), tasks.Select(t => Inbox.ToDto(t, instance.Title, definition, now)).ToList(), actions, journal)
        { RoundYear = instance.RoundYear });
    }
}

using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

public static class TasksApi
{
    public sealed record CompleteRequest(string? Action, string? Comment, JsonObject? Data);
    public sealed record CompleteResponse(long InstanceId, string CurrentStep, string Status, string? Outcome, IReadOnlyList<OpenedTask> OpenedTasks);

    public sealed record OpenedTask(long Id, string StepId, string Title, string Role, DateTimeOffset? DueAt);

    public static void MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("待办任务").RequireAuthorization();
        group.MapGet("/", async (Inbox inbox, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok(await inbox.ListAsync(Math.Max(skip ?? 0, 0), Math.Clamp(take ?? 50, 1, 200), ct)));
        group.MapPost("/{taskId:long}/claim", (long taskId, LeadRunnerDb db, HttpContext http, TimeProvider clock) => Claim(taskId, true, db, http, clock));
        group.MapPost("/{taskId:long}/release", (long taskId, LeadRunnerDb db, HttpContext http, TimeProvider clock) => Claim(taskId, false, db, http, clock));
        group.MapPost("/{taskId:long}/complete", Complete);
    }

    public static async Task<IResult> Complete(long taskId, CompleteRequest request, CompleteTask completeTask, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Action))
        {
            return ApiProblems.Invalid("action", "请选择要执行的操作。");
        }
        var outcome = await completeTask.CompleteAsync(taskId, request.Action, request.Comment, request.Data, Actor.From(http.User));
        return ToResult(outcome);
    }

    public static IResult ToResult(TransitionOutcome outcome) => outcome switch
    {
        TransitionOutcome.Done done => TypedResults.Ok(new CompleteResponse(done.Instance.Id, done.Instance.CurrentStep,
            done.Instance.Status == InstanceStatus.Running ? "running" : "completed", done.Instance.Outcome,
            done.OpenedTasks.Select(t => new OpenedTask(t.Id, t.StepId, t.Title, t.Role, t.DueAt)).ToList())),
        TransitionOutcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
        TransitionOutcome.Forbidden forbidden => ApiProblems.Forbidden(forbidden.Message),
        TransitionOutcome.Invalid { FieldErrors: { } fields } => ApiProblems.Invalid(fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToArray())),
        TransitionOutcome.Invalid invalid => ApiProblems.Invalid(invalid.Field, invalid.Message),
        TransitionOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        _ => throw new InvalidOperationException(),
    };

    private static async Task<IResult> Claim(long taskId, bool claim, LeadRunnerDb db, HttpContext http, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId && t.Status == HumanTaskStatus.Open);
        if (task is null)
        {
            return ApiProblems.NotFound($"待办任务 {taskId} 不存在、已办结或不在您的管辖范围内。");
        }
        if (!RegionRouting.Matches(actor.Scope, task.Role, task.EnterpriseId, task.CountyCode, task.UnitCode))
        {
            return ApiProblems.Forbidden("您不是该任务的办理人。");
        }
        if (task.ClaimedBy is { } holder && holder != actor.Name)
        {
            return ApiProblems.Conflict($"该任务已由 {holder} 认领。");
        }
        task.ClaimedBy = claim ? actor.Name : null;
        task.ClaimedAt = claim ? clock.GetUtcNow() : null;
        task.Revision++;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("该任务刚刚已被他人认领或办理，请刷新后查看。");
        }
        return TypedResults.Ok(new { task.Id, task.ClaimedBy });
    }
}

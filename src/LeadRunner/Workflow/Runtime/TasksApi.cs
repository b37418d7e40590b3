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
    public sealed record TaskClaim(long Id, string? ClaimedBy);

    public static void MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("待办任务").RequireAuthorization();
        group.MapGet("/", List)
            .WithName("ListTasks").WithSummary("我的待办任务")
            .WithDescription("分页列出当前用户可办理的待办任务（skip 默认 0，take 默认 50、最多 200）；只含其管辖范围内的任务，企业只看到本企业的任务。");
        group.MapPost("/{taskId:long}/claim", (long taskId, LeadRunnerDb db, HttpContext http, TimeProvider clock) => Claim(taskId, true, db, http, clock))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ClaimTask").WithSummary("认领待办任务")
            .WithDescription("由当前用户认领一项待办任务，认领后他人不能再认领。任务不存在或不在管辖范围内返回 404，不是办理人返回 403，已被他人认领返回 409。");
        group.MapPost("/{taskId:long}/release", (long taskId, LeadRunnerDb db, HttpContext http, TimeProvider clock) => Claim(taskId, false, db, http, clock))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ReleaseTask").WithSummary("取消认领任务")
            .WithDescription("取消当前用户对待办任务的认领，任务回到可认领状态。任务不存在返回 404，不是办理人返回 403，已由他人认领返回 409。");
        group.MapPost("/{taskId:long}/complete", Complete)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CompleteTask").WithSummary("办理待办任务")
            .WithDescription("对待办任务执行一项操作（如提交、通过、退回），附意见和表单数据；服务器重新校验表单后推进流程。字段有误返回 400 及逐项说明，任务不存在返回 404，无权办理返回 403，任务已被办理返回 409。");
    }

    public static async Task<Ok<Inbox.Page>> List(Inbox inbox, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await inbox.ListAsync(Math.Max(skip ?? 0, 0), Math.Clamp(take ?? 50, 1, 200), ct));

    public static async Task<Results<Ok<CompleteResponse>, ProblemHttpResult, ValidationProblem>> Complete(long taskId, CompleteRequest request, CompleteTask completeTask, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Action))
        {
            return ApiProblems.Invalid("action", "请选择要执行的操作。");
        }
        var outcome = await completeTask.CompleteAsync(taskId, request.Action, request.Comment, request.Data, Actor.From(http.User));
        return Completed(outcome);
    }

    /// <summary>What a transition did, or why it was refused.</summary>
    public static Results<Ok<CompleteResponse>, ProblemHttpResult, ValidationProblem> Completed(TransitionOutcome outcome) => outcome is TransitionOutcome.Done done
        ? TypedResults.Ok(new CompleteResponse(done.Instance.Id, done.Instance.CurrentStep,
            done.Instance.Status == InstanceStatus.Running ? "running" : "completed", done.Instance.Outcome,
            done.OpenedTasks.Select(t => new OpenedTask(t.Id, t.StepId, t.Title, t.Role, t.DueAt)).ToList()))
        : Refuse<Ok<CompleteResponse>>(outcome);

    /// <summary>The engine's refusal as a problem response, typed so that a handler can put its own success beside it.</summary>
    public static Results<TSuccess, ProblemHttpResult, ValidationProblem> Refuse<TSuccess>(TransitionOutcome outcome) where TSuccess : IResult => outcome switch
    {
        TransitionOutcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
        TransitionOutcome.Forbidden forbidden => ApiProblems.Forbidden(forbidden.Message),
        TransitionOutcome.Invalid { FieldErrors: { } fields } => ApiProblems.Invalid(fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToArray())),
        TransitionOutcome.Invalid invalid => ApiProblems.Invalid(invalid.Field, invalid.Message),
        TransitionOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        _ => throw new InvalidOperationException("A completed transition is not a refusal."),
    };

    private static async Task<Results<Ok<TaskClaim>, ProblemHttpResult>> Claim(long taskId, bool claim, LeadRunnerDb db, HttpContext http, TimeProvider clock)
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
        return TypedResults.Ok(new TaskClaim(task.Id, task.ClaimedBy));
    }
}

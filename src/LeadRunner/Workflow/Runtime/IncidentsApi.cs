using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>Background failures for administrators: list the open ones, retry one.</summary>
public static class IncidentsApi
{
    public sealed record IncidentDto(long Id, long InstanceId, long? TimerId, DateTimeOffset At, string Message, DateTimeOffset? ResolvedAt, string? ResolvedBy);
    public sealed record RetryDto(long Id, bool Retried);

    public static void MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("异常事件").RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/", List)
            .WithName("ListIncidents").WithSummary("异常事件列表")
            .WithDescription("列出后台定时任务失败留下的异常事件，最新的在前，最多 500 条；默认只含未处理的，all=true 时含已处理的。仅系统管理员可用。");
        group.MapPost("/{id:long}/retry", Retry)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RetryIncident").WithSummary("重试异常事件")
            .WithDescription("把异常事件对应的失败定时任务重新排入执行队列，并将事件标为已处理。仅系统管理员可用；事件不存在或已处理返回 404。");
    }

    public static async Task<Ok<List<IncidentDto>>> List(LeadRunnerDb db, bool? all) => TypedResults.Ok(await db.Incidents.AsNoTracking()
        .Where(i => all == true || i.ResolvedAt == null).OrderByDescending(i => i.Id).Take(500)
        .Select(i => new IncidentDto(i.Id, i.InstanceId, i.TimerId, i.At, i.Message, i.ResolvedAt, i.ResolvedBy)).ToListAsync());

    public static async Task<Results<Ok<RetryDto>, ProblemHttpResult>> Retry(long id, LeadRunnerDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        await TimerRunner.RetryAsync(db, id, http.User.Identity!.Name!, clock.GetUtcNow(), ct)
            ? TypedResults.Ok(new RetryDto(id, true))
            : ApiProblems.NotFound($"异常事件 {id} 不存在或已处理。");
}

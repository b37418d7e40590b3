using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>Background failures for administrators: list the open ones, retry one.</summary>
public static class IncidentsApi
{
    public sealed record IncidentDto(long Id, long InstanceId, long? TimerId, DateTimeOffset At, string Message, DateTimeOffset? ResolvedAt, string? ResolvedBy);

    public static void MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("异常事件").RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/", async (LeadRunnerDb db, bool? all) => TypedResults.Ok(await db.Incidents.AsNoTracking()
            .Where(i => all == true || i.ResolvedAt == null).OrderByDescending(i => i.Id).Take(500)
            .Select(i => new IncidentDto(i.Id, i.InstanceId, i.TimerId, i.At, i.Message, i.ResolvedAt, i.ResolvedBy)).ToListAsync()));
        group.MapPost("/{id:long}/retry", async (long id, LeadRunnerDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            await TimerRunner.RetryAsync(db, id, http.User.Identity!.Name!, clock.GetUtcNow(), ct)
                ? Results.Ok(new { id, retried = true })
                : ApiProblems.NotFound($"异常事件 {id} 不存在或已处理。"));
    }
}

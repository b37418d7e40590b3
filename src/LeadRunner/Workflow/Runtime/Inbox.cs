using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime;

/// <summary>The open tasks a person is a candidate for: their role, in their own region. One indexed query.</summary>
public sealed class Inbox(LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock)
{
    /// <summary>An action the user may take; <see cref="Form"/> names the form it is taken with, if any.</summary>
    public sealed record ActionDto(string Key, string Label, bool RequiresComment, string? Form = null);
    public sealed record TaskDto(long Id, string Title, long InstanceId, string InstanceTitle, string StepId, string StepTitle, string Role,
        DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Overdue, bool Escalated, string? ClaimedBy, IReadOnlyList<ActionDto> Actions);
    public sealed record Page(int Total, IReadOnlyList<TaskDto> Tasks);

    public IQueryable<HumanTask> Query()
    {
        var scope = db.Scope;
        var open = db.Tasks.Where(t => t.Status == HumanTaskStatus.Open);
        return scope.Role switch
        {
            Roles.Enterprise => open.Where(t => t.Role == Roles.Enterprise && t.EnterpriseId == scope.EnterpriseId),
            Roles.County => open.Where(t => t.Role == Roles.County && t.CountyCode == scope.CountyCode),
            Roles.City => open.Where(t => t.Role == Roles.City && t.UnitCode == scope.UnitCode),
            Roles.Province => open.Where(t => t.Role == Roles.Province),
            Roles.SysAdmin => open.Where(t => t.Role == Roles.SysAdmin),
            _ => open.Where(t => false),
        };
    }

    public async Task<Page> ListAsync(int skip = 0, int take = 50, CancellationToken ct = default)
    {
        var query = Query();
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Skip(skip).Take(take)
            .Select(t => new { Task = t, t.Instance!.Title, t.Instance.DefinitionId, t.Instance.Version })
            .AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow();
        var tasks = new List<TaskDto>(rows.Count);
        foreach (var row in rows)
        {
            var definition = await definitions.GetAsync(db, row.DefinitionId, row.Version);
            tasks.Add(ToDto(row.Task, row.Title, definition, now));
        }
        return new Page(total, tasks);
    }

    public static TaskDto ToDto(HumanTask t, string instanceTitle, WorkflowDefinition? definition, DateTimeOffset now) => new(
        t.Id, t.Title, t.InstanceId, instanceTitle, t.StepId, definition?.Step(t.StepId)?.Title ?? t.StepId, t.Role,
        t.CreatedAt, t.DueAt, t.DueAt is { } due && due < now, t.Escalated, t.ClaimedBy,
        definition?.From(t.StepId).Where(x => x.Trigger == TriggerKind.Human && (x.Role is null || x.Role == definition.Step(t.StepId)?.Assignee?.Role))
            .Select(x => new ActionDto(x.Key, x.Label, x.Requires.Contains("comment"), x.Form)).ToList() ?? []);
}

using System.Linq.Expressions;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds.Cases;

/// <summary>
/// The one query behind the work lists (JSON, Excel and page): the round's recognition cases the actor may see (the
/// DbContext's region filters scope them), filtered, ordered and paged in the database.
/// </summary>
public sealed class RoundCaseList(LeadRunnerDb db, TimeProvider clock)
{
    /// <summary>One case as a list shows it; set by member initialisation so that the database can order by any of it.</summary>
    public sealed record Row
    {
        public long Id { get; init; }
        public int EnterpriseId { get; init; }
        public string Name { get; init; } = "";
        public string Uscc { get; init; } = "";
        public string UnitCode { get; init; } = "";
        public int UnitOrder { get; init; }
        public string CountyCode { get; init; } = "";
        public string Step { get; init; } = "";
        public InstanceStatus Status { get; init; }
        public string? Outcome { get; init; }

        /// <summary>The verdict's eligible flag as SQLite reads it: 1, 0, or null without a verdict.</summary>
        public long? EligibleFlag { get; init; }

        /// <summary>The earliest deadline among the case's open tasks the actor may see.</summary>
        public DateTimeOffset? DueAt { get; init; }

        /// <summary>When the case first left its start step (the enterprise submitted it).</summary>
        public DateTimeOffset? SubmittedAt { get; init; }

        public bool? Eligible => EligibleFlag is { } flag ? flag != 0 : null;
    }

    public sealed record Result(int Total, IReadOnlyList<Row> Rows);

    /// <summary>The filtered rows in the filter's order: one page of them, or all of them for an export.</summary>
    public async Task<Result> ListAsync(CaseChoices choices, CaseFilter filter, bool allPages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(filter);
        var rows = Ordered(Filtered(choices, filter), choices.Workflow, filter);
        var total = await rows.CountAsync(ct);
        var page = allPages ? rows : rows.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize);
        return new Result(total, await page.ToListAsync(ct));
    }

    private IQueryable<Row> Filtered(CaseChoices choices, CaseFilter filter)
    {
        var year = choices.Year;
        var start = choices.Workflow.Start;
        var now = clock.GetUtcNow();
        var cases = db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == CaseChoices.DefinitionId && i.RoundYear == year && i.EnterpriseId != null);
        if (filter.Step is { } step)
        {
            cases = cases.Where(i => i.CurrentStep == step);
        }
        if (filter.Unit is { } unit)
        {
            cases = cases.Where(i => i.Enterprise!.County!.UnitCode == unit);
        }
        if (filter.County is { } county)
        {
            cases = cases.Where(i => i.Enterprise!.CountyCode == county);
        }
        if (filter.Status is { } status)
        {
            cases = status == CaseChoices.Running
                ? cases.Where(i => i.Status == InstanceStatus.Running)
                : cases.Where(i => i.Status == InstanceStatus.Completed && i.Outcome == status);
        }
        cases = filter.Eligible switch
        {
            "true" => cases.Where(i => SqlJson.Number(i.VariablesJson, "$.eligibility.eligible") == 1),
            "false" => cases.Where(i => SqlJson.Number(i.VariablesJson, "$.eligibility.eligible") == 0),
            "unknown" => cases.Where(i => SqlJson.Number(i.VariablesJson, "$.eligibility.eligible") == null),
            _ => cases,
        };
        if (filter.Overdue is { } overdue)
        {
            cases = cases.Where(i => db.Tasks.Any(t => t.InstanceId == i.Id && t.Status == HumanTaskStatus.Open && t.DueAt < now) == overdue);
        }
        if (filter.Q is { } q)
        {
            var code = q.ToUpperInvariant();
            cases = cases.Where(i => i.Enterprise!.Name.Contains(q) || i.Enterprise.Uscc.Contains(code));
        }
        return cases.Select(i => new Row
        {
            Id = i.Id,
            EnterpriseId = i.EnterpriseId!.Value,
            Name = i.Enterprise!.Name,
            Uscc = i.Enterprise.Uscc,
            UnitCode = i.Enterprise.County!.UnitCode,
            UnitOrder = i.Enterprise.County.Unit!.SortOrder,
            CountyCode = i.Enterprise.CountyCode,
            Step = i.CurrentStep,
            Status = i.Status,
            Outcome = i.Outcome,
            EligibleFlag = SqlJson.Number(i.VariablesJson, "$.eligibility.eligible"),
            DueAt = db.Tasks.Where(t => t.InstanceId == i.Id && t.Status == HumanTaskStatus.Open).Min(t => t.DueAt),
            SubmittedAt = db.Journal.Where(j => j.InstanceId == i.Id && j.FromStep == start).Min(j => (DateTimeOffset?)j.At),
        });
    }

    private static IQueryable<Row> Ordered(IQueryable<Row> rows, WorkflowDefinition workflow, CaseFilter filter)
    {
        var d = filter.Descending;
        // Cases without the sorted value (no deadline, not yet submitted) come last either way.
        var ordered = filter.Sort switch
        {
            CaseSort.Unit => d ? rows.OrderByDescending(r => r.UnitOrder).ThenByDescending(r => r.UnitCode) : rows.OrderBy(r => r.UnitOrder).ThenBy(r => r.UnitCode),
            CaseSort.Step => d ? rows.OrderByDescending(StepPosition(workflow)) : rows.OrderBy(StepPosition(workflow)),
            CaseSort.Submitted => d ? rows.OrderBy(r => r.SubmittedAt == null).ThenByDescending(r => r.SubmittedAt) : rows.OrderBy(r => r.SubmittedAt == null).ThenBy(r => r.SubmittedAt),
            CaseSort.DueAt => d ? rows.OrderBy(r => r.DueAt == null).ThenByDescending(r => r.DueAt) : rows.OrderBy(r => r.DueAt == null).ThenBy(r => r.DueAt),
            _ => d ? rows.OrderByDescending(r => r.Name) : rows.OrderBy(r => r.Name),
        };
        return ordered.ThenBy(r => r.Name).ThenBy(r => r.Id);
    }

    /// <summary>A step's place in the workflow's own step list, as a CASE expression the database can order by.</summary>
    private static Expression<Func<Row, int>> StepPosition(WorkflowDefinition workflow)
    {
        var row = Expression.Parameter(typeof(Row), "r");
        var step = Expression.Property(row, nameof(Row.Step));
        Expression position = Expression.Constant(workflow.Steps.Count);
        for (var k = workflow.Steps.Count - 1; k >= 0; k--)
        {
            position = Expression.Condition(Expression.Equal(step, Expression.Constant(workflow.Steps[k].Id)), Expression.Constant(k), position);
        }
        return Expression.Lambda<Func<Row, int>>(position, row);
    }
}

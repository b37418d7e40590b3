using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Steps;

/// <summary>Waits for a person: one task for the assignee's role, narrowed to the case's region, with its deadline.</summary>
public sealed class HumanTaskStep(Deadlines deadlines, Notifications.DeadlineReminders reminders) : IStepKind
{
    public StepKind Kind => StepKind.HumanTask;

    public Task<TransitionDefinition?> EnterAsync(StepDefinition stepDefinition, CaseContext context)
    {
        var assignee = stepDefinition.Assignee!;
        var (enterpriseId, countyCode, unitCode) = RegionRouting.Resolve(assignee.Scope, context.Party);
        var dueAt = stepDefinition.Deadline is { } deadline ? deadlines.DueAt(deadline, context) : (DateTimeOffset?)null;
        var task = new HumanTask
        {
            InstanceId = context.Instance.Id,
            StepId = stepDefinition.Id,
            Title = $"{stepDefinition.Title}：{context.Instance.Title}",
            Role = assignee.Role,
            EnterpriseId = enterpriseId,
            CountyCode = countyCode,
            UnitCode = unitCode,
            CreatedAt = context.Now,
            DueAt = dueAt,
        };
        context.Db.Tasks.Add(task);
        context.OpenedTasks.Add(task);
        if (dueAt is { } due)
        {
            WaitForTimerStep.AddTimer(context, stepDefinition, due);
            reminders.Schedule(context, stepDefinition.Id, due);
        }
        return Task.FromResult<TransitionDefinition?>(null);
    }
}

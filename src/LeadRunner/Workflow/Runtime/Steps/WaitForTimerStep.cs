using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Steps;

/// <summary>Waits until the step's deadline, e.g. the 5 working days of the 公示; the timer then takes its transition.</summary>
public sealed class WaitForTimerStep(Deadlines deadlines) : IStepKind
{
    public StepKind Kind => StepKind.Timer;

    public Task<TransitionDefinition?> EnterAsync(StepDefinition step, CaseContext context)
    {
        AddTimer(context, step, deadlines.DueAt(step.Deadline!, context));
        return Task.FromResult<TransitionDefinition?>(null);
    }

    public static void AddTimer(CaseContext context, StepDefinition step, DateTimeOffset dueAt) =>
        context.Db.Timers.Add(new WorkflowTimer
        {
            InstanceId = context.Instance.Id,
            StepId = step.Id,
            StepEntryRevision = context.Instance.Revision,
            DueAt = dueAt,
        });
}

using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Steps;

/// <summary>Waits until the step's deadline, e.g. the 5 working days of the 公示; the timer then takes its transition.</summary>
public sealed class WaitForTimerStep(Deadlines deadlines) : IStepKind
{
    public StepKind Kind => StepKind.Timer;

    public Task<TransitionDefinition?> EnterAsync(StepDefinition stepDefinition, CaseContext context)
    {
        AddTimer(context, stepDefinition, deadlines.DueAt(stepDefinition.Deadline!, context));
        return Task.FromResult<TransitionDefinition?>(null);
    }

    public static void AddTimer(CaseContext context, StepDefinition stepDefinition, DateTimeOffset dueAt) =>
        context.Db.Timers.Add(new WorkflowTimer
        {
            InstanceId = context.Instance.Id,
            StepId = stepDefinition.Id,
            StepEntryRevision = context.Instance.Revision,
            DueAt = dueAt,
        });
}

using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Steps;

/// <summary>Ends the case with the step's outcome.</summary>
public sealed class TerminalStep : IStepKind
{
    public StepKind Kind => StepKind.Terminal;

    public Task<TransitionDefinition?> EnterAsync(StepDefinition stepDefinition, CaseContext context)
    {
        context.Instance.Status = InstanceStatus.Completed;
        context.Instance.Outcome = stepDefinition.Outcome ?? stepDefinition.Id;
        context.Instance.EndedAt = context.Now;
        return Task.FromResult<TransitionDefinition?>(null);
    }
}

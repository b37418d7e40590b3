using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Steps;

/// <summary>What happens when a case enters a step of this kind. One class per kind.</summary>
public interface IStepKind
{
    StepKind Kind { get; }

    /// <summary>Creates the step's tasks and timers, or (automatic) moves on. Returns the transition to take at once, if any.</summary>
    Task<TransitionDefinition?> EnterAsync(StepDefinition stepDefinition, CaseContext context);
}

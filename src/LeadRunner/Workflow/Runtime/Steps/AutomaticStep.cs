using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Steps;

/// <summary>Runs at once: its effects have run on entry; it takes the first outgoing transition whose guard holds.</summary>
public sealed class AutomaticStep(ScriptSandbox scripts) : IStepKind
{
    private const int MaxChain = 20;

    public StepKind Kind => StepKind.Automatic;

    public Task<TransitionDefinition?> EnterAsync(StepDefinition stepDefinition, CaseContext context)
    {
        if (++context.AutomaticDepth > MaxChain)
        {
            throw new ScriptFailureException($"自动步骤连续执行超过 {MaxChain} 次，流程定义可能存在循环。");
        }
        var globals = context.Globals();
        foreach (var transition in context.Definition.From(stepDefinition.Id))
        {
            if (transition.Guard is null || scripts.EvaluateExpression(transition.Guard, globals) is true)
            {
                return Task.FromResult<TransitionDefinition?>(transition);
            }
        }
        throw new ScriptFailureException($"自动步骤“{stepDefinition.Title}”没有条件成立的流转。");
    }
}

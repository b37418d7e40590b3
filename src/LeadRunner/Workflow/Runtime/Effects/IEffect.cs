using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>Something a transition or step does, inside the transition's transaction. One class per kind.</summary>
public interface IEffect
{
    EffectKind Kind { get; }
    Task RunAsync(EffectDefinition effect, CaseContext context);
}

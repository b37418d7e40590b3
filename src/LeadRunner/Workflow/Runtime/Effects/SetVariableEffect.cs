using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>Sets an instance variable to the value of a Scriban expression.</summary>
public sealed class SetVariableEffect(ScriptSandbox scripts) : IEffect
{
    public EffectKind Kind => EffectKind.SetVariable;

    public Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var value = scripts.EvaluateExpression(effect.Value!, context.Globals());
        context.SetVariable(effect.Variable!, ScriptData.ToNode(value));
        return Task.CompletedTask;
    }
}

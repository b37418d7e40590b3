using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>Starts another workflow about the same enterprise, in the same transaction (e.g. annual data updates after authorisation).</summary>
public sealed class StartWorkflowEffect(IServiceProvider services) : IEffect
{
    public EffectKind Kind => EffectKind.StartWorkflow;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        // Resolved here, not injected: the transition core runs the effects, so it cannot be a constructor dependency of one.
        var startCase = services.GetRequiredService<Engine.StartCase>();
        var variables = new System.Text.Json.Nodes.JsonObject { ["year"] = context.Variables["year"]?.DeepClone() };
        var outcome = await startCase.StartWithinAsync(context.Db, effect.Workflow!, context.Party?.Id, variables, context.Actor);
        if (outcome is not TransitionOutcome.Done)
        {
            throw new Scripting.ScriptFailureException($"启动流程“{effect.Workflow}”失败：{outcome}");
        }
    }
}

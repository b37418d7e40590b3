using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>Leaves a message for a role in the case's region; recipients read it in their portal and get it by e-mail.</summary>
public sealed class NotifyEffect(ScriptSandbox scripts) : IEffect
{
    public EffectKind Kind => EffectKind.Notify;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var globals = context.Globals();
        var (enterpriseId, countyCode, unitCode) = RegionRouting.Resolve(effect.To!.Scope, context.Party);
        await Notifications.NotificationOutbox.AddAsync(context.Db, new Notification
        {
            InstanceId = context.Instance.Id,
            Role = effect.To.Role,
            EnterpriseId = enterpriseId,
            CountyCode = countyCode,
            UnitCode = unitCode,
            Title = scripts.RenderText(effect.Title!, globals).Trim(),
            Message = effect.Message is null ? "" : scripts.RenderText(effect.Message, globals).Trim(),
            CreatedAt = context.Now,
        });
    }
}

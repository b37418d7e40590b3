using LeadRunner.Programmes;
using LeadRunner.Scripting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Effects;
using LeadRunner.Workflow.Runtime.Steps;
using LeadRunner.Workflow.Versions;

namespace LeadRunner.Workflow;

public static class WorkflowFeature
{
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ScriptSandbox>();
        services.AddSingleton<WorkflowSchema>();
        services.AddSingleton<IReferenceCatalog, FileReferenceCatalog>();
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<Deadlines>();

        services.AddScoped<IStepKind, HumanTaskStep>();
        services.AddScoped<IStepKind, WaitForTimerStep>();
        services.AddScoped<IStepKind, AutomaticStep>();
        services.AddScoped<IStepKind, TerminalStep>();
        services.AddScoped<IEffect, SetVariableEffect>();
        services.AddScoped<IEffect, NotifyEffect>();
        services.AddScoped<IEffect, PublishSiteItemEffect>();
        services.AddScoped<IEffect, StartWorkflowEffect>();
        services.AddScoped<IEffect, EvaluateEligibilityEffect>();
        services.AddScoped<IEffect, RenderDocumentEffect>();
        services.AddScoped<IEffect, RecordPoolDecisionEffect>();

        services.AddScoped<Runtime.Engine.CaseTransitions>();
        services.AddScoped<Runtime.Engine.StartCase>();
        services.AddScoped<Runtime.Engine.CompleteTask>();
        services.AddScoped<Runtime.Engine.TakeAction>();
        services.AddScoped<Runtime.Engine.FireTimer>();
        services.AddScoped<Runtime.Engine.MigrateCases>();
        services.AddScoped<CaseForms>();
        services.AddArtifactKind<WorkflowKind>();
        services.AddScoped<Inbox>();
        services.AddScoped<Pages.CaseView.CaseOverview>();
        services.AddScoped<DeadlineReplanner>();
        services.AddScoped<NotificationFeed>();
        services.AddSingleton<TimerRunner>();
        if (configuration.GetValue("Workflow:TimersEnabled", true))
        {
            services.AddHostedService<TimerService>();
        }
        return services;
    }

    public static void MapWorkflow(this IEndpointRouteBuilder app)
    {
        app.MapWorkflowsApi();
        app.MapTasksApi();
        app.MapInstancesApi();
        app.MapIncidentsApi();
    }
}

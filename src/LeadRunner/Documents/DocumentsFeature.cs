using LeadRunner.Scripting;
using LeadRunner.Versioning;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadRunner.Documents;

/// <summary>Registration of document templates, rendering and Word output: one call each from the app's composition.</summary>
public static class DocumentsFeature
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.TryAddSingleton<ScriptSandbox>();
        services.AddSingleton(sp => new TemplateLibrary(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<DocumentRenderer>();
        services.AddSingleton<HtmlToDocx>();
        services.AddSingleton<TemplateSamples>();
        services.AddArtifactKind<TemplateKind>();
        return services;
    }

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        app.MapDocumentsApi();
        app.MapTemplatesApi();
        return app;
    }
}

using LeadRunner.Versioning;

namespace LeadRunner.Forms;

/// <summary>Form definitions, the designer, filling in forms, drafts and server-side validation.</summary>
public static class FormsFeature
{
    public static IServiceCollection AddForms(this IServiceCollection services)
    {
        services.AddSingleton<FormDefinitions>();
        services.AddSingleton(sp => new FormOptionLabels(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<Rounds.RoundDirectory>()));
        services.AddArtifactKind<FormKind>();
        services.AddScoped<FormValidation>();
        services.AddSingleton<LeadRunner.Uploads.IUploadFieldRules, FormUploadFieldRules>();
        return services;
    }

    public static void MapForms(this IEndpointRouteBuilder app)
    {
        app.MapFormsAdminApi();
        app.MapFormsApi();
        app.MapFormDraftsApi();
    }
}

namespace LeadRunner.Documents.Issued;

/// <summary>Filled documents with verification codes, and the public /verify check.</summary>
public static class IssuedDocumentsFeature
{
    public static IServiceCollection AddIssuedDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Verification");
        VerificationAddress.Validate(section.Get<VerificationOptions>() ?? new VerificationOptions());
        services.Configure<VerificationOptions>(section);
        services.AddScoped<VerificationAddress>();
        services.AddScoped<DocumentIssuer>();
        services.AddScoped<FilledDocuments>();
        return services;
    }

    public static void MapIssuedDocuments(this IEndpointRouteBuilder app)
    {
        app.MapVerifyApi();
        app.MapFilledDocumentsApi();
    }
}

namespace LeadRunner.Audit;

public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection("Audit"))
            .Validate(o => AuditChain.IsKnownAlgorithm(o.HashAlgorithm), "配置项 Audit:HashAlgorithm 只能是 SHA256 或 SM3。")
            .ValidateOnStart();
        services.AddScoped<AuditLog>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapAuditApi();
        return app;
    }
}

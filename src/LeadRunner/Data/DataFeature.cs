using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadRunner.Data;

public static class DataFeature
{
    public static IServiceCollection AddLeadRunnerData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var settings = DatabaseSettings.From(configuration, contentRoot);
        services.AddSingleton(settings);
        services.AddSingleton<SqlitePragmas>();
        services.AddSingleton<Audit.AuditChainFunction>();
        services.AddDbContextPool<LeadRunnerDb>((sp, options) =>
        {
            if (settings.IsSqlite)
            {
                options.UseSqlite(settings.ConnectionString)
                    .AddInterceptors(sp.GetRequiredService<SqlitePragmas>(), sp.GetRequiredService<Audit.AuditChainFunction>());
            }
            else
            {
                options.UseNpgsql(settings.ConnectionString);
            }
            options.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
        });
        services.AddHostedService<ModelWarmUp>();
        services.AddScoped<WriteTransactions>();
        if (settings.IsSqlite)
        {
            services.AddSingleton(sp => new WalCheckpointer(settings.ConnectionString, configuration, sp.GetRequiredService<ILogger<WalCheckpointer>>()));
            services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        }
        services.AddHealthChecks().AddDbContextCheck<LeadRunnerDb>("database");
        return services;
    }
}

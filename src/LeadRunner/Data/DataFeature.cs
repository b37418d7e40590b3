using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Data;

public static class DataFeature
{
    public static IServiceCollection AddLeadRunnerData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString("LeadRunner")
            ?? throw new InvalidOperationException("缺少连接字符串 ConnectionStrings:LeadRunner。"), contentRoot);
        services.AddSingleton<SqlitePragmas>();
        services.AddSingleton<Audit.AuditChainFunction>();
        services.AddDbContextPool<LeadRunnerDb>((sp, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(sp.GetRequiredService<SqlitePragmas>(), sp.GetRequiredService<Audit.AuditChainFunction>()));
        services.AddHostedService<ModelWarmUp>();
        services.AddScoped<WriteTransactions>();
        services.AddSingleton(sp => new WalCheckpointer(connectionString, configuration, sp.GetRequiredService<ILogger<WalCheckpointer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        services.AddHealthChecks().AddDbContextCheck<LeadRunnerDb>("database");
        return services;
    }

    /// <summary>A relative database path is taken from the repository root, not from wherever the process started.</summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }
}

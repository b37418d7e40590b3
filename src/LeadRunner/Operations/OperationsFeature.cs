using LeadRunner.Data;
using Microsoft.AspNetCore.DataProtection;

namespace LeadRunner.Operations;

public static class OperationsFeature
{
    /// <summary>
    /// Data Protection keys (cookies, tokens, antiforgery) kept in the database: every instance on that database reads
    /// the same key ring, so a cookie from one is accepted by the others, and a backup carries them.
    /// </summary>
    public static IServiceCollection AddPersistedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("LeadRunner")
            .PersistKeysToDbContext<LeadRunnerDb>();
        return services;
    }
}

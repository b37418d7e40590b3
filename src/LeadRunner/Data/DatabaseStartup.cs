using LeadRunner.Cms;
using LeadRunner.Demo;
using LeadRunner.Enterprises;
using LeadRunner.Regions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Data;

public static class DatabaseStartup
{
    /// <summary>Creates or migrates the database, switches it to WAL and loads reference and demo data.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");

        await DivisionsImporter.ImportAsync(db);
        await ClusterSeed.SeedAsync(db);
        await SiteSeed.SeedAsync(db, TimeProvider.System);
        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }
}

using System.Data.Common;
using System.Globalization;
using LeadRunner.Cms;
using LeadRunner.Demo;
using LeadRunner.Enterprises;
using LeadRunner.Regions;
using LeadRunner.Workflow.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadRunner.Data;

/// <summary>
/// Brings the database up to date at start: migrations, reference data and (when enabled) demo data.
/// On a database that is already current it only reads two values, so the app answers within a second or two;
/// the EF model is then built in the background by <see cref="ModelWarmUp"/>.
/// </summary>
public static class DatabaseStartup
{
    // PRAGMA user_version records what has been seeded. Raise ReferenceDataVersion when reference seeds change.
    private const int ReferenceDataVersion = 1;
    private const int DemoSeededFlag = 1 << 16;

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        var latest = db.GetService<IMigrationsAssembly>().Migrations.Keys.Max();
        if (await LastAppliedMigrationAsync(connection) != latest)
        {
            await db.Database.MigrateAsync();
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;");
        }

        var seeded = await ScalarIntAsync(connection, "PRAGMA user_version;");
        if ((seeded & 0xFFFF) < ReferenceDataVersion)
        {
            await DivisionsImporter.ImportAsync(db);
            await ClusterSeed.SeedAsync(db);
            await SiteSeed.SeedAsync(db, TimeProvider.System);
            await CalendarSeed.SeedAsync(db);
            seeded = (seeded & ~0xFFFF) | ReferenceDataVersion;
        }
        if (app.Configuration.GetValue<bool>("Demo:Enabled") && (seeded & DemoSeededFlag) == 0)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            seeded |= DemoSeededFlag;
        }
        await ExecuteAsync(connection, $"PRAGMA user_version = {seeded.ToString(CultureInfo.InvariantCulture)};");
    }

    private static async Task<string?> LastAppliedMigrationAsync(DbConnection connection)
    {
        var exists = await ScalarIntAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';");
        if (exists == 0)
        {
            return null;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1;";
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<int> ScalarIntAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

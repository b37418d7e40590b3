using System.Data.Common;
using System.Globalization;
using LeadRunner.Cms;
using LeadRunner.Demo;
using LeadRunner.Enterprises;
using LeadRunner.Programmes.Eligibility;
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
    private const int ReferenceDataVersion = 6;
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
            await Audit.AuditChain.SealAsync(connection);
        }

        var seeded = await ScalarIntAsync(connection, "PRAGMA user_version;");
        if ((seeded & 0xFFFF) < ReferenceDataVersion)
        {
            await Accounts.RoleSeed.EnsureAsync(db);
            await DivisionsImporter.ImportAsync(db);
            await ClusterSeed.SeedAsync(db);
            await CalendarSeed.SeedAsync(db);
            var store = scope.ServiceProvider.GetRequiredService<Versioning.ArtifactStore>();
            await EligibilityRuleSeed.SeedAsync(db, store, EligibilityRuleSeed.FilePath(app.Environment.ContentRootPath));
            await scope.ServiceProvider.GetRequiredService<CategoryRules>().CoverAllYearsAsync(store);
            await SiteSeed.SeedAsync(db, scope.ServiceProvider.GetRequiredService<Cms.Editing.SiteContent>(),
                scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteSeed)));
            seeded = (seeded & ~0xFFFF) | ReferenceDataVersion;
        }
        if (DemoMode.IsOn(app.Configuration, app.Environment) && (seeded & DemoSeededFlag) == 0)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            seeded |= DemoSeededFlag;
        }
        else if (!DemoMode.IsAllowed(app.Environment) && (seeded & DemoSeededFlag) != 0 && await DemoSeeder.AnyLeftAsync(db))
        {
            app.Logger.LogWarning("数据库中仍有演示账号（如 admin、province），它们使用公开的演示密码。请在生产环境中停用或删除这些账号，或使用新的数据库。");
        }
        await ExecuteAsync(connection, $"PRAGMA user_version = {seeded.ToString(CultureInfo.InvariantCulture)};");
        await LoadWorkflowFilesAsync(app, scope.ServiceProvider, connection);
        await Forms.FormSeed.LoadIfChangedAsync(scope.ServiceProvider, app.Environment.ContentRootPath, app.Logger);
        await Documents.TemplateSeed.LoadIfChangedAsync(scope.ServiceProvider, app.Environment.ContentRootPath, app.Logger);
        // Last: a round shipped as running freezes the versions the lines above loaded.
        await Rounds.RoundSeed.EnsureAsync(scope.ServiceProvider, app.Environment.ContentRootPath);
        // The demo round needs the round, its forms and templates above; it finds its own cases and runs once.
        if (DemoRound.IsOn(app.Configuration, app.Environment))
        {
            await scope.ServiceProvider.GetRequiredService<DemoRound>().SeedAsync();
        }
    }

    /// <summary>Loads programme settings and publishes definitions from workflows/ that the database has not seen; skipped when the files are unchanged.</summary>
    private static async Task LoadWorkflowFilesAsync(WebApplication app, IServiceProvider services, DbConnection connection)
    {
        var folder = Path.Combine(app.Environment.ContentRootPath, "workflows");
        if (!Directory.Exists(folder))
        {
            return;
        }
        var programmes = Path.Combine(folder, "programmes");
        var files = Directory.EnumerateFiles(folder, "*.workflow.json")
            .Concat(Directory.Exists(programmes) ? Directory.EnumerateFiles(programmes, "*.json") : [])
            .Order(StringComparer.Ordinal).ToList();
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            sha.AppendData(await File.ReadAllBytesAsync(file));
        }
        var fingerprint = Convert.ToHexString(sha.GetHashAndReset());
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Value FROM AppState WHERE Key = 'workflow-files';";
        if (await command.ExecuteScalarAsync() as string == fingerprint)
        {
            return;
        }
        var db = services.GetRequiredService<LeadRunnerDb>();
        await services.GetRequiredService<Programmes.ProgrammeStore>().LoadFilesAsync(programmes, app.Logger);
        await services.GetRequiredService<Workflow.Versions.WorkflowKind>().LoadFilesAsync(services.GetRequiredService<Versioning.ArtifactStore>(), folder, app.Logger);
        var state = await db.AppState.FindAsync("workflow-files");
        if (state is null)
        {
            db.AppState.Add(new AppState { Key = "workflow-files", Value = fingerprint });
        }
        else
        {
            state.Value = fingerprint;
        }
        await db.SaveChangesAsync();
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

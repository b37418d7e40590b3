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
    // The AppState row "seeded" records what has been seeded. Raise ReferenceDataVersion when reference seeds change.
    private const int ReferenceDataVersion = 6;
    private const int DemoSeededFlag = 1 << 16;
    private const string SeededKey = "seeded";

    // Instances starting together on one PostgreSQL database take turns: one migrates and seeds, the others then find it done.
    private const long StartupLockKey = 730_001;

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        if (!settings.IsSqlite)
        {
            await CreatePostgresDatabaseAsync(db);
        }
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        if (!settings.IsSqlite)
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({StartupLockKey});");
        }
        try
        {
            await PrepareAsync(app, scope.ServiceProvider, settings, db, connection);
        }
        finally
        {
            if (!settings.IsSqlite)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({StartupLockKey});");
            }
        }
    }

    /// <summary>Creates the named PostgreSQL database when it is missing (an instance starting at the same time may win: fine).</summary>
    private static async Task CreatePostgresDatabaseAsync(LeadRunnerDb db)
    {
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync())
        {
            return;
        }
        try
        {
            await creator.CreateAsync();
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    private static async Task PrepareAsync(WebApplication app, IServiceProvider services, DatabaseSettings settings, LeadRunnerDb db, DbConnection connection)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys;
        var applied = await LastAppliedMigrationAsync(settings, connection);
        if (applied is not null && !known.Contains(applied))
        {
            throw new InvalidOperationException(
                $"数据库由较早的版本创建（其迁移 {applied} 已合并为新的初始迁移），不能直接升级。请换用新的数据库{(settings.SqliteFile is { } file ? $"（删除 {file} 及其 -wal、-shm 文件后重新启动，演示数据会重新生成）" : "")}。");
        }
        if (applied != known.Max())
        {
            await db.Database.MigrateAsync();
            if (settings.IsSqlite)
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;");
                await Audit.AuditChain.SealAsync(connection);
            }
        }

        var seeded = int.TryParse(await StateAsync(connection, SeededKey), CultureInfo.InvariantCulture, out var flags) ? flags : 0;
        if ((seeded & 0xFFFF) < ReferenceDataVersion)
        {
            await Accounts.RoleSeed.EnsureAsync(db);
            await DivisionsImporter.ImportAsync(db);
            await ClusterSeed.SeedAsync(db);
            await CalendarSeed.SeedAsync(db);
            var store = services.GetRequiredService<Versioning.ArtifactStore>();
            await EligibilityRuleSeed.SeedAsync(db, store, EligibilityRuleSeed.FilePath(app.Environment.ContentRootPath));
            await services.GetRequiredService<CategoryRules>().CoverAllYearsAsync(store);
            await SiteSeed.SeedAsync(db, services.GetRequiredService<Cms.Editing.SiteContent>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteSeed)));
            seeded = (seeded & ~0xFFFF) | ReferenceDataVersion;
        }
        if (DemoMode.IsOn(app.Configuration, app.Environment) && (seeded & DemoSeededFlag) == 0)
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync();
            seeded |= DemoSeededFlag;
        }
        else if (!DemoMode.IsAllowed(app.Environment) && (seeded & DemoSeededFlag) != 0 && await DemoSeeder.AnyLeftAsync(db))
        {
            app.Logger.LogWarning("数据库中仍有演示账号（如 admin、province），它们使用公开的演示密码。请在生产环境中停用或删除这些账号，或使用新的数据库。");
        }
        await SetStateAsync(connection, SeededKey, seeded.ToString(CultureInfo.InvariantCulture));
        await LoadWorkflowFilesAsync(app, services, connection);
        await Forms.FormSeed.LoadIfChangedAsync(services, app.Environment.ContentRootPath, app.Logger);
        await Documents.TemplateSeed.LoadIfChangedAsync(services, app.Environment.ContentRootPath, app.Logger);
        // Last: a round shipped as running freezes the versions the lines above loaded.
        await Rounds.RoundSeed.EnsureAsync(services, app.Environment.ContentRootPath);
        // The demo round needs the round, its forms and templates above; it finds its own cases and runs once.
        if (DemoRound.IsOn(app.Configuration, app.Environment))
        {
            await services.GetRequiredService<DemoRound>().SeedAsync();
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
        if (await StateAsync(connection, "workflow-files") == fingerprint)
        {
            return;
        }
        await services.GetRequiredService<Programmes.ProgrammeStore>().LoadFilesAsync(programmes, app.Logger);
        await services.GetRequiredService<Workflow.Versions.WorkflowKind>().LoadFilesAsync(services.GetRequiredService<Versioning.ArtifactStore>(), folder, app.Logger);
        await SetStateAsync(connection, "workflow-files", fingerprint);
    }

    // Plain statements on the open connection, as on both providers: a current database starts without building the EF model.
    private static async Task<string?> StateAsync(DbConnection connection, string key)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Value\" FROM \"AppState\" WHERE \"Key\" = @key;";
        AddParameter(command, "@key", key);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task SetStateAsync(DbConnection connection, string key, string value)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO \"AppState\" (\"Key\", \"Value\") VALUES (@key, @value) ON CONFLICT (\"Key\") DO UPDATE SET \"Value\" = excluded.\"Value\";";
        AddParameter(command, "@key", key);
        AddParameter(command, "@value", value);
        await command.ExecuteNonQueryAsync();
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<string?> LastAppliedMigrationAsync(DatabaseSettings settings, DbConnection connection)
    {
        var exists = await ScalarIntAsync(connection, settings.IsSqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '__EFMigrationsHistory';");
        if (exists == 0)
        {
            return null;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1;";
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

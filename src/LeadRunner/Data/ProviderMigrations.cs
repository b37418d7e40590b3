using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadRunner.Data;

/// <summary>
/// The migrations of the provider in use. Each provider has its own folder (and namespace) of migrations and its own
/// model snapshot in this one assembly: Data/Migrations/Sqlite and Data/Migrations/PostgreSQL.
/// </summary>
public sealed class ProviderMigrations(ICurrentDbContext current, IMigrationsIdGenerator ids) : IMigrationsAssembly
{
    private readonly string _namespace = NamespaceFor(current.Context.Database.ProviderName);
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotRead;

    public Assembly Assembly => typeof(LeadRunnerDb).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= new SortedDictionary<string, TypeInfo>(
        OwnTypes().Where(t => t.IsSubclassOf(typeof(Migration)))
            .Select(t => (Type: t, Id: t.GetCustomAttribute<MigrationAttribute>()?.Id))
            .Where(m => m.Id is not null)
            .ToDictionary(m => m.Id!, m => m.Type, StringComparer.Ordinal),
        StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotRead)
            {
                _snapshot = OwnTypes().Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
                    .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!).FirstOrDefault();
                _snapshotRead = true;
            }
            return _snapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    /// <summary>The namespace a provider's migrations are generated in (from their folder).</summary>
    public static string NamespaceFor(string? providerName) =>
        providerName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "LeadRunner.Data.Migrations.PostgreSQL" : "LeadRunner.Data.Migrations.Sqlite";

    private IEnumerable<TypeInfo> OwnTypes() =>
        Assembly.DefinedTypes.Where(t => t.Namespace == _namespace
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(LeadRunnerDb));
}

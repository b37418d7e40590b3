using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Org.BouncyCastle.Crypto.Digests;

namespace LeadRunner.Audit;

/// <summary>
/// The hash chain of the audit log. The database computes each entry's hash in the statement that inserts it, so
/// every writer (SaveChanges, the fast task-completion writer) is chained alike. On SQLite an AFTER INSERT trigger
/// calls <c>audit_hash</c>, a function this app registers on its connections; the inserting statement holds SQLite's
/// single write lock, so the "previous entry" it reads is the newest one whichever transaction commits first. On
/// PostgreSQL a BEFORE INSERT trigger of the initial migration does the same in SQL (<c>audit_hash</c> there is a
/// plpgsql function computing <see cref="Compute"/>'s hash), inserters taking turns on an advisory lock until they commit.
/// </summary>
public static class AuditChain
{
    public const string Sha256 = "SHA256";
    public const string Sm3 = "SM3";
    public const string FunctionName = "audit_hash";

    /// <summary>The fields a hash covers, in order; <see cref="Verify"/> reads them back the same way.</summary>
    public const string Fields = "\"Id\", \"At\", \"UserName\", \"Kind\", \"Action\", \"Subject\", \"Before\", \"After\", \"Reason\", \"ClientIp\", \"HashAlgorithm\"";

    /// <summary>
    /// The triggers, created by the SQLite initial migration. A later migration that rebuilds the AuditEntries table
    /// (EF Core does for some column changes on SQLite) drops them and must run this again.
    /// </summary>
    public const string TriggersSql = """
        CREATE TRIGGER IF NOT EXISTS AuditEntries_Chain AFTER INSERT ON AuditEntries
        BEGIN
            UPDATE AuditEntries SET
                PreviousHash = (SELECT p.Hash FROM AuditEntries p WHERE p.Id < NEW.Id ORDER BY p.Id DESC LIMIT 1),
                Hash = audit_hash(NEW.Id, NEW.At, NEW.UserName, NEW.Kind, NEW.Action, NEW.Subject, NEW.Before, NEW.After, NEW.Reason, NEW.ClientIp, NEW.HashAlgorithm,
                    (SELECT p.Hash FROM AuditEntries p WHERE p.Id < NEW.Id ORDER BY p.Id DESC LIMIT 1))
            WHERE Id = NEW.Id;
        END;
        CREATE TRIGGER IF NOT EXISTS AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries WHEN OLD.Hash IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, '审计日志只可追加：已记录的条目不能修改。');
        END;
        CREATE TRIGGER IF NOT EXISTS AuditEntries_NoDelete BEFORE DELETE ON AuditEntries
        BEGIN
            SELECT RAISE(ABORT, '审计日志只可追加：已记录的条目不能删除。');
        END;
        """;

    /// <summary>
    /// Chains the entries written before the chain existed (Hash still null), oldest first. Run at start after the
    /// migrations, on the app's connection (on SQLite audit_hash is this app's function); the guard trigger lets a row
    /// without a hash be sealed once and never changed again. PostgreSQL databases start with the chain, so only rows
    /// inserted with the triggers bypassed lack a hash there; the same statements seal them.
    /// </summary>
    public static async Task SealAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var unsealed = new List<long>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT \"Id\" FROM \"AuditEntries\" WHERE \"Hash\" IS NULL ORDER BY \"Id\";";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unsealed.Add(reader.GetInt64(0));
            }
        }
        foreach (var id in unsealed)
        {
            await using var seal = connection.CreateCommand();
            seal.CommandText = $"""
                UPDATE "AuditEntries" SET
                    "PreviousHash" = (SELECT p."Hash" FROM "AuditEntries" p WHERE p."Id" < @id ORDER BY p."Id" DESC LIMIT 1),
                    "Hash" = audit_hash({Fields}, (SELECT p."Hash" FROM "AuditEntries" p WHERE p."Id" < @id ORDER BY p."Id" DESC LIMIT 1))
                WHERE "Id" = @id;
                """;
            var parameter = seal.CreateParameter();
            parameter.ParameterName = "@id";
            parameter.Value = id;
            seal.Parameters.Add(parameter);
            await seal.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static bool IsKnownAlgorithm(string algorithm) => algorithm is Sha256 or Sm3;

    /// <summary>
    /// Lower-case hex hash of one entry: each field as its stored value, length-prefixed so that no two different
    /// entries share a text, then the previous entry's hash. The last field (HashAlgorithm) chooses the algorithm.
    /// </summary>
    public static string Compute(ReadOnlySpan<object?> fields, object? previousHash)
    {
        var text = new StringBuilder(256);
        foreach (var field in fields)
        {
            Append(text, field);
        }
        Append(text, previousHash);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var algorithm = fields[^1] as string;
        return Convert.ToHexStringLower(algorithm == Sm3 ? Sm3Hash(bytes) : SHA256.HashData(bytes));
    }

    private static void Append(StringBuilder text, object? value)
    {
        var s = value switch
        {
            null or DBNull => null,
            string str => str,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (s is null)
        {
            text.Append("-;");
            return;
        }
        text.Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s).Append(';');
    }

    private static byte[] Sm3Hash(byte[] bytes)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }

    /// <summary>Registers <c>audit_hash</c> on a connection; Microsoft.Data.Sqlite re-registers it on every open of that connection object.</summary>
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction(FunctionName, (object?[] args) => Compute(args.AsSpan(0, args.Length - 1), args[^1]), isDeterministic: true);

    /// <summary>
    /// Walks the log in Id order and recomputes every hash. An edited row fails its own hash; a deleted or inserted row
    /// breaks the link of the row after it (its stored previous hash, and so its hash, no longer match).
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Fields}, \"PreviousHash\", \"Hash\" FROM \"AuditEntries\" ORDER BY \"Id\";";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var fieldCount = reader.FieldCount - 2;
        var fields = new object[fieldCount];
        string? previous = null;
        var checkedCount = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < fieldCount; i++)
            {
                fields[i] = reader.GetValue(i);
            }
            var id = Convert.ToInt64(fields[0], CultureInfo.InvariantCulture);
            var storedPrevious = reader.IsDBNull(fieldCount) ? null : reader.GetString(fieldCount);
            var stored = reader.IsDBNull(fieldCount + 1) ? null : reader.GetString(fieldCount + 1);
            if (storedPrevious != previous)
            {
                return AuditVerification.Broken(checkedCount, id, $"第 {id} 条的前序哈希与前一条不符：其前有条目被删除或插入。");
            }
            if (fields[^1] is not string algorithm || !IsKnownAlgorithm(algorithm) || stored != Compute(fields, previous))
            {
                return AuditVerification.Broken(checkedCount, id, $"第 {id} 条的内容与其哈希不符：该条目被修改过。");
            }
            previous = stored;
            checkedCount++;
        }
        return new AuditVerification(true, checkedCount, null, $"已校验 {checkedCount} 条，哈希链完整。");
    }
}

public sealed record AuditVerification(bool Valid, int Checked, long? FirstBroken, string Message)
{
    public static AuditVerification Broken(int checkedCount, long id, string message) => new(false, checkedCount, id, message);
}

/// <summary>Makes <c>audit_hash</c> available on every connection the app's DbContext opens, once per connection object.</summary>
public sealed class AuditChainFunction : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<SqliteConnection, object> Registered = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && Registered.TryAdd(sqlite, sqlite))
        {
            AuditChain.Register(sqlite);
        }
    }
}

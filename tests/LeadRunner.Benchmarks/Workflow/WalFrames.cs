using System.Buffers.Binary;
using System.Globalization;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>
/// Pages a task completion writes to the SQLite log, the deterministic part of its commit cost (issue 17): completes
/// tasks of <see cref="TaskCompletionBenchmark"/>'s loop, several cases in turn, on a WAL file with checkpoints off, then reads the log's
/// frame headers and names each frame's page by the table or index whose b-tree holds it. A warm-up first fills the task table, so
/// its indexes span many pages as in a database in use. Run: dotnet LeadRunner.Benchmarks.dll wal-frames [--cases N] [--warmup N] [--count N].
/// </summary>
public static class WalFrames
{
    private const int WalHeaderSize = 32;
    private const int FrameHeaderSize = 24;

    public static async Task<int> RunAsync(string[] args)
    {
        var warmup = Option(args, "--warmup", 2000);
        var count = Option(args, "--count", 200);
        var cases = Option(args, "--cases", 200);
        if (BenchmarkHost.PostgresServer is not null)
        {
            Console.Error.WriteLine($"日志页数只对 SQLite 有意义，请去掉环境变量 {BenchmarkHost.PostgresServerVariable}。");
            return 2;
        }
        // The background checkpointer would copy and reset the log in the middle of the measured completions.
        using var host = new BenchmarkHost(new Dictionary<string, string> { ["Database:CheckpointIntervalMs"] = "0" });
        var next = await StartAsync(host, cases);
        for (var i = 0; i < warmup; i++)
        {
            next[i % cases] = await CompleteAsync(host, next[i % cases]);
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = host.DatabaseFile, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        if (await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);") != 0)
        {
            throw new InvalidOperationException("检查点被阻塞，日志未能清空。");
        }
        for (var i = 0; i < count; i++)
        {
            next[(warmup + i) % cases] = await CompleteAsync(host, next[(warmup + i) % cases]);
        }
        var pageSize = (int)await ScalarAsync(connection, "PRAGMA page_size;");
        var (frames, commits) = ReadLog(host.DatabaseFile + "-wal", pageSize);
        if (await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);") != 0)
        {
            throw new InvalidOperationException("检查点被阻塞，无法读取数据库文件。");
        }
        var owners = await OwnersAsync(connection, host.DatabaseFile, pageSize);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cases} 个案件轮流办理，预热 {warmup} 次、测量 {count} 次；页大小 {pageSize} 字节；提交 {commits} 次；日志帧 {frames.Count} 个，每次办理 {(double)frames.Count / count:0.00} 帧"));
        Console.WriteLine("每次办理写入的页（按表或索引，帧数 / 办理次数；括号内为该对象的总页数）：");
        foreach (var group in frames.GroupBy(p => owners.GetValueOrDefault(p, "（溢出页或空闲页）")).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var size = owners.Count(o => o.Value == group.Key);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(double)group.Count() / count,6:0.00}  {group.Key} ({size})"));
        }
        return 0;
    }

    /// <summary>Starts the cases; returns each one's open task.</summary>
    private static async Task<long[]> StartAsync(BenchmarkHost host, int cases)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ArtifactStore>();
        var draft = (VersionOutcome.Saved)await store.SaveDraftAsync(WorkflowKind.Kind, "bench-loop", TaskCompletionBenchmark.Loop, "bench", null);
        await store.PublishDraftAsync(WorkflowKind.Kind, "bench-loop", draft.Version.Id, "bench", null);
        var startCase = scope.ServiceProvider.GetRequiredService<StartCase>();
        var tasks = new long[cases];
        for (var i = 0; i < cases; i++)
        {
            var started = (TransitionOutcome.Done)await startCase.StartAsync("bench-loop", 1, null, TaskCompletionBenchmark.Officer);
            tasks[i] = started.OpenedTasks[0].Id;
        }
        return tasks;
    }

    /// <summary>Completes the case's open task by whichever action its step has; returns the task opened next.</summary>
    private static async Task<long> CompleteAsync(BenchmarkHost host, long task)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var completeTask = scope.ServiceProvider.GetRequiredService<CompleteTask>();
        foreach (var action in new[] { "go", "back" })
        {
            switch (await completeTask.CompleteAsync(task, action, null, null, TaskCompletionBenchmark.Officer))
            {
                case TransitionOutcome.Done { OpenedTasks: [var next] }:
                    return next.Id;
                case TransitionOutcome.Invalid:
                    continue;
                case var refused:
                    throw new InvalidOperationException($"办理被拒绝：{refused}");
            }
        }
        throw new InvalidOperationException("两个操作都不适用。");
    }

    /// <summary>The page number of every frame of the log's current generation, and how many of them end a transaction.</summary>
    private static (List<uint> Frames, int Commits) ReadLog(string path, int pageSize)
    {
        var log = File.ReadAllBytes(path);
        var salts = log.AsSpan(16, 8);
        var frames = new List<uint>();
        var commits = 0;
        for (var at = WalHeaderSize; at + FrameHeaderSize + pageSize <= log.Length; at += FrameHeaderSize + pageSize)
        {
            var header = log.AsSpan(at, FrameHeaderSize);
            if (!header.Slice(8, 8).SequenceEqual(salts))
            {
                break; // a frame left from before the log was reset
            }
            frames.Add(BinaryPrimitives.ReadUInt32BigEndian(header));
            commits += BinaryPrimitives.ReadUInt32BigEndian(header[4..]) != 0 ? 1 : 0;
        }
        return (frames, commits);
    }

    /// <summary>
    /// Which table or index each page belongs to, by walking every b-tree of the file from its root page (this SQLite
    /// build has no dbstat). Run after a checkpoint, so that the file holds every page. Overflow and free pages stay unnamed.
    /// </summary>
    private static async Task<Dictionary<uint, string>> OwnersAsync(SqliteConnection connection, string file, int pageSize)
    {
        var roots = new List<(string Name, uint Root)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0 UNION ALL SELECT 'sqlite_schema', 1;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                roots.Add((reader.GetString(0), (uint)reader.GetInt64(1)));
            }
        }
        var database = await File.ReadAllBytesAsync(file);
        var owners = new Dictionary<uint, string>();
        foreach (var (name, root) in roots)
        {
            var pending = new Stack<uint>([root]);
            while (pending.TryPop(out var page) && owners.TryAdd(page, name))
            {
                var offset = (int)(page - 1) * pageSize;
                var header = offset + (page == 1 ? 100 : 0);
                if (database[header] is not (0x02 or 0x05))
                {
                    continue; // a leaf
                }
                // An interior page: a left child in each cell's first four bytes, and the right-most child in its header.
                pending.Push(BinaryPrimitives.ReadUInt32BigEndian(database.AsSpan(header + 8)));
                var cells = BinaryPrimitives.ReadUInt16BigEndian(database.AsSpan(header + 3));
                for (var i = 0; i < cells; i++)
                {
                    var cell = BinaryPrimitives.ReadUInt16BigEndian(database.AsSpan(header + 12 + 2 * i));
                    pending.Push(BinaryPrimitives.ReadUInt32BigEndian(database.AsSpan(offset + cell)));
                }
            }
        }
        return owners;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

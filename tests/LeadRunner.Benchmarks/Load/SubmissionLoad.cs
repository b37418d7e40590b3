using System.Diagnostics;
using System.Globalization;
using LeadRunner.Hosting;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// The submission load test (issue 14): enterprise users submit applications to the app on 127.0.0.1 at a set rate;
/// then a second load is cut by <c>kill -9</c>, the app restarts on the same files, and every acknowledged
/// submission is checked in the database. On PostgreSQL, several instances behind nginx (issue 17): one is killed and
/// restarted. Run: scripts/measure-submissions.sh or scripts/measure-instances.sh (they build, then call this).
/// </summary>
public static class SubmissionLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var root = RepositoryLayout.FindRoot(Directory.GetCurrentDirectory()) ?? throw new InvalidOperationException("请在仓库目录内运行。");
        var dll = Path.GetFullPath(Path.Combine(root, options.App));
        var work = Directory.CreateTempSubdirectory("leadrunner-load-").FullName;
        Console.WriteLine($"机器：{Environment.ProcessorCount} 核；应用：{dll}；数据：{work}");
        var apps = new List<AppProcess>();
        LoadProxy? proxy = null;
        await using var database = options.Postgres
            ? await LoadDatabase.PostgreSqlAsync(root, work, options.PostgresConnection)
            : LoadDatabase.Sqlite(root, work);
        try
        {
            // Without --instances one app listens on --port itself; with it, N apps on the ports after it behind nginx on --port.
            var ports = options.Instances == 0 ? [options.Port] : Enumerable.Range(options.Port + 1, options.Instances).ToList();
            apps.AddRange(await Task.WhenAll(ports.Select(p => AppProcess.StartAsync(root, dll, p, work, database))));
            proxy = options.Instances == 0 ? null : await LoadProxy.StartAsync(work, options.Port, ports);
            Console.WriteLine($"数据库：{database.Provider}；应用实例：{apps.Count}（端口 {string.Join("、", ports)}）"
                + (proxy is null ? "，直连" : $"，经 nginx {proxy.Address}"));
            var codes = await LoadSeed.AddAsync(database, options.Warmup + options.Count * options.Rates.Count + options.KillCount);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Users, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = proxy?.Address ?? apps[0].Address, Timeout = TimeSpan.FromSeconds(60),
            };
            var prepared = Stopwatch.StartNew();
            var applicants = await PrepareAsync(http, codes);
            Console.WriteLine($"准备：{applicants.Count} 家企业已登录、发起案件、上传 3 个文件，用时 {prepared.Elapsed.TotalSeconds:0.0} 秒");

            // Warm the route, EF model and JIT with a few submissions outside the measured runs.
            var results = await SubmissionRun.RunAsync(http, applicants[..options.Warmup], Math.Min(options.Users, options.Warmup), options.Rates[0]);
            var clock = new Stopwatch();
            foreach (var (rate, i) in options.Rates.Select((r, i) => (r, i)))
            {
                var from = options.Warmup + i * options.Count;
                clock.Restart();
                var measured = await SubmissionRun.RunAsync(http, applicants[from..(from + options.Count)], options.Users, rate);
                Print("负载", SubmissionRun.Summarise(measured, clock.Elapsed.TotalSeconds), options.Users, rate);
                results.AddRange(measured);
            }

            // One instance is killed mid-load; with several, nginx sends the rest of the load to the others.
            var victim = apps[0];
            var cut = applicants[^options.KillCount..];
            var killAt = options.KillCount / 2;
            var killed = 0;
            clock.Restart();
            var cutResults = await SubmissionRun.RunAsync(http, cut, options.Users, options.Rates[0], acknowledged =>
            {
                if (acknowledged == killAt && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    victim.KillHard();
                    Console.WriteLine($"已在第 {acknowledged} 个确认后 kill -9 端口 {victim.Port} 的应用进程（{clock.Elapsed.TotalSeconds:0.0} 秒）");
                }
            });
            Print("kill -9 前后", SubmissionRun.Summarise(cutResults, clock.Elapsed.TotalSeconds), options.Users, options.Rates[0]);
            await victim.DisposeAsync();
            apps[0] = await AppProcess.StartAsync(root, dll, victim.Port, work, database);

            var report = await DurabilityCheck.RunAsync(database, [.. results, .. cutResults]);
            Console.WriteLine($"重启后核对：已确认 {report.AcknowledgedPresent + report.AcknowledgedMissing} 件，完整在库 {report.AcknowledgedPresent} 件，缺失或不完整 {report.AcknowledgedMissing} 件；"
                + $"未确认 {report.UnacknowledgedCommitted + report.UnacknowledgedAbsent} 件中已完整提交 {report.UnacknowledgedCommitted} 件、完全未提交 {report.UnacknowledgedAbsent} 件；其他问题 {report.Problems.Count} 处");
            foreach (var problem in report.Problems.Take(20))
            {
                Console.WriteLine("  " + problem);
            }
            return report.Problems.Count == 0 && killed == 1 ? 0 : 1;
        }
        finally
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
            if (!options.Keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<List<Applicant>> PrepareAsync(HttpClient http, List<string> codes)
    {
        var applicants = new Applicant[codes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, codes.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => applicants[i] = await Applicant.PrepareAsync(http, codes[i], i));
        return [.. applicants];
    }

    private static void Print(string title, SubmissionRun.Summary s, int users, double rate)
    {
        var failures = s.Failures.Count == 0 ? "无" : string.Join("，", s.Failures.Select(f => $"{f.Key}×{f.Value}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}：{users} 个并发用户，目标 {(double.IsPositiveInfinity(rate) ? "尽快" : $"{rate:0}/秒")}；发出 {s.Sent}，确认 {s.Acknowledged}，用时 {s.Seconds:0.0} 秒，{s.PerSecond:0.0} 件/秒；"
            + $"延迟 p50 {s.P50:0.0} ms，p90 {s.P90:0.0} ms，p99 {s.P99:0.0} ms，最长 {s.Max:0.0} ms；失败：{failures}"));
    }

    /// <summary>
    /// Each rate of <c>--rate</c> (e.g. 100,150,max) is a measured run of <c>--count</c> submissions. <c>--postgres</c> starts a
    /// throwaway cluster unless <c>--postgres-connection</c> names a database; <c>--instances N</c> puts N apps behind nginx.
    /// </summary>
    private sealed record Options(string App, int Port, int Users, List<double> Rates, int Count, int KillCount, int Warmup, bool Keep,
        bool Postgres, string? PostgresConnection, int Instances)
    {
        public static Options Parse(string[] args)
        {
            // The last occurrence wins, so that scripts can put defaults before the caller's arguments.
            string? Given(string name) => Array.LastIndexOf(args, name) is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
            string Value(string name, string fallback) => Given(name) ?? fallback;
            var connection = Given("--postgres-connection");
            var postgres = connection is not null || args.Contains("--postgres");
            var instances = int.Parse(Value("--instances", "0"), CultureInfo.InvariantCulture);
            if (instances > 1 && !postgres)
            {
                throw new ArgumentException("多个实例只能共用 PostgreSQL 数据库：请加 --postgres。");
            }
            return new Options(
                Value("--app", "src/LeadRunner/bin/Release/net10.0/LeadRunner.dll"),
                int.Parse(Value("--port", "5097"), CultureInfo.InvariantCulture),
                int.Parse(Value("--users", "200"), CultureInfo.InvariantCulture),
                [.. Value("--rate", "100,150").Split(',').Select(r => r == "max" ? double.PositiveInfinity : double.Parse(r, CultureInfo.InvariantCulture))],
                int.Parse(Value("--count", "1500"), CultureInfo.InvariantCulture),
                int.Parse(Value("--kill-count", "600"), CultureInfo.InvariantCulture),
                int.Parse(Value("--warmup", "50"), CultureInfo.InvariantCulture),
                args.Contains("--keep"),
                postgres, connection, instances);
        }
    }
}

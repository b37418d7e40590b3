using System.Diagnostics;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// The app as its own process on 127.0.0.1 (Release build, Development environment without the demo round), so that
/// it can be killed with SIGKILL and started again on the same database and upload folder; several of them share both.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }
    public int Port => Address.Port;
    public int ProcessId => _process.Id;

    public static async Task<AppProcess> StartAsync(string root, string dll, int port, string work, LoadDatabase database)
    {
        var info = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Uploads__Root"] = Path.Combine(work, "uploads"),
            ["Uploads__SweepEnabled"] = "false",
            ["Demo__Round"] = "false",
            ["Mail__PickupDirectory"] = Path.Combine(work, "mail"),
            // Every simulated user signs in from 127.0.0.1: the per-address login limit would stop the set-up, not the load.
            ["RateLimits__Login__PermitLimit"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings.Concat(database.AppSettings(work)))
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("无法启动应用进程。");
        var log = Path.Combine(work, $"app-{port}.log");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"应用进程已退出（代码 {process.ExitCode}），见 {log}。");
            }
            try
            {
                if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or still migrating and seeding on a busy machine
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"应用 5 分钟内未就绪，见 {log}。");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what the database holds afterwards is what it had committed.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static readonly Lock LogLock = new();

    private static void Append(string log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (LogLock)
        {
            File.AppendAllText(log, line + Environment.NewLine);
        }
    }
}

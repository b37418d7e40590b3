using System.Diagnostics;
using System.Net.Sockets;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// nginx on 127.0.0.1 in front of the app instances, as a deployment puts it; its config, temp files and log live in the
/// work folder. A POST that reached an instance is never re-sent to another (nginx's default), so a kill shows as a failure.
/// </summary>
public sealed class LoadProxy : IAsyncDisposable
{
    private readonly Process _process;

    private LoadProxy(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LoadProxy> StartAsync(string work, int port, IEnumerable<int> upstreams)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "nginx")).FullName;
        var servers = string.Concat(upstreams.Select(p => $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;\n"));
        // Workers run as root when the tool does: the work folder is private to its owner.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            {{user}}worker_processes auto;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_max_body_size 60m;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream leadrunner {
            {{servers}}    keepalive 64;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://leadrunner;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $remote_addr;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_read_timeout 120s;
                }
              }
            }
            """);
        var info = new ProcessStartInfo("/usr/sbin/nginx", ["-p", folder, "-c", config, "-g", "daemon off;"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("无法启动 nginx。");
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx 已退出（代码 {process.ExitCode}）：{await process.StandardError.ReadToEndAsync()}");
            }
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", port);
                return new LoadProxy(process, new Uri($"http://127.0.0.1:{port}"));
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill();
        throw new TimeoutException($"nginx 10 秒内未在端口 {port} 监听，见 {folder}/error.log。");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The whole tree: workers left behind would keep the port.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

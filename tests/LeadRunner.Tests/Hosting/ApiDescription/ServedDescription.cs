using System.Diagnostics;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Hosting.ApiDescription;

/// <summary>
/// The app on a real Kestrel port on 127.0.0.1 (node's fetch cannot reach the in-memory test server) and the
/// description it serves at /openapi/v1.json, as a client would download it.
/// </summary>
public sealed class ServedDescription : IAsyncLifetime, IDisposable
{
    private readonly LeadRunnerFactory _factory = new();

    public string Address { get; private set; } = "";
    public string Json { get; private set; } = "";
    public JsonObject Document { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        Address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri(Address) };
        Json = await client.GetStringAsync("/openapi/v1.json");
        Document = JsonNode.Parse(Json)!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    public static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>Every operation as "METHOD /path" with its object.</summary>
    public IEnumerable<(string Name, JsonObject Operation)> Operations() =>
        from path in Document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject());

    public static string RepositoryRoot =>
        LeadRunner.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("找不到仓库根目录");

    public static string ClientFolder => Path.Combine(RepositoryRoot, "clients", "typescript");

    public sealed record Run(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
    }

    /// <summary>Runs a program in clients/typescript (node_modules there is installed by the test project's build).</summary>
    public static async Task<Run> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = ClientFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Generous: on two shared cores the first npx start and a full tsc pass each take a while.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} 超过 5 分钟未结束");
        }
        return new Run(process.ExitCode, await output, await error);
    }
}

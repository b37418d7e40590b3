using System.Collections.Concurrent;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests;

/// <summary>
/// The app on a real Kestrel port of its own, and a Chromium shared by all classes (<see cref="SharedChromium"/>), each
/// page in a context of its own. A missing browser fails the tests: they never skip silently (the test command installs chromium).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    /// <summary>Debian's Chromium, the browser the project's browser tests are defined against.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly LeadRunnerFactory _factory;
    private readonly ConcurrentBag<IBrowserContext> _contexts = [];

    public BrowserFixture() : this(new LeadRunnerFactory())
    {
    }

    /// <summary>For a fixture whose app needs more than the default host, such as a clock the test moves.</summary>
    internal BrowserFixture(LeadRunnerFactory factory) => _factory = factory;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app behind the browser, for arranging data through its API (e.g. driving a case to a step).</summary>
    public LeadRunnerFactory Factory => _factory;
    public string BaseUrl { get; private set; } = "";
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"浏览器测试需要 Debian 的 chromium（{ChromiumPath}），请先运行 ./test.sh 安装。");
        }
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        _factory.ClientOptions.BaseAddress = new Uri(BaseUrl); // API clients made by the factory reach the same Kestrel

        Browser = await SharedChromium.GetAsync();
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>What Chromium refused under the content security policy, on any page of this fixture ("Refused to …").</summary>
    public ConcurrentQueue<string> CspViolations { get; } = new();

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        // Every page runs under the app's CSP: a refusal means a page needs something the policy forbids. Images are
        // the exception: a document refusing an outside picture (XssCorpusTests' <img src=x>) is the policy working.
        page.Console += (_, message) =>
        {
            if ((message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                && !message.Text.Contains("img-src", StringComparison.Ordinal))
            {
                CspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    public void Dispose() => _factory.Dispose();

    public async Task DisposeAsync()
    {
        // The browser is shared by every class: this class's contexts go, so their pages stop running.
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        var violations = CspViolations.ToArray();
        await _factory.DisposeAsync();
        if (violations.Length > 0)
        {
            throw new InvalidOperationException("页面违反了内容安全策略（CSP）：\n" + string.Join("\n", violations));
        }
    }
}

using Microsoft.Playwright;

namespace LeadRunner.BrowserTests;

/// <summary>
/// One Playwright driver and one Debian Chromium headless shell for the whole test run: a launch per class cost
/// seconds of a loaded 2-core machine each time. Classes stay apart by browser contexts (cookies, storage), which
/// each fixture closes.
/// </summary>
internal static class SharedChromium
{
    private static readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> Launched = new(LaunchAsync);

    public static async Task<IBrowser> GetAsync() => (await Launched.Value).Browser;

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        // Playwright's 5 s for an expectation is too short on a loaded 2-core CI machine (pages still resolve in time).
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        // Closed when the test process ends, so that no Chromium outlives the run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        };
        return (playwright, browser);
    }
}

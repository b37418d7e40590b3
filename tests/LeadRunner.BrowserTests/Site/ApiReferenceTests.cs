using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Site;

/// <summary>Scalar's API reference runs under its nonce policy: the page draws, and Chromium refuses nothing.</summary>
public class ApiReferenceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ApiReference_DrawsUnderItsNoncePolicy_WithNoRefusal()
    {
        var page = await browser.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        var response = await page.GotoAsync(browser.BaseUrl + "/scalar/v1");
        Assert.True(response is { Ok: true }, $"/scalar/v1: {response?.Status}");
        Assert.Contains("'nonce-", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        // Drawn by Scalar's script from our OpenAPI document: an operation of the sign-in API is listed.
        await Assertions.Expect(page.GetByText("/api/auth/login").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }
}

using System.Net;
using System.Net.Http.Json;
using LeadRunner.Cms.Editing;
using LeadRunner.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Cms;

/// <summary>Content for the public-site tests: written and published as the system does at seeding, or by a publisher through the API.</summary>
internal static class PublishedContent
{
    public static async Task PublishAsync(LeadRunnerFactory factory, ContentDocument doc)
    {
        using var scope = factory.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SiteContent>().PublishAsSystemAsync(doc, "测试", CancellationToken.None);
        Assert.IsType<SiteContent.Outcome.Done>(outcome);
    }

    public static ContentDocument Notice(string slug, string title, string body = "正文。", DateOnly? date = null) => new()
    {
        Type = "notice",
        Slug = slug,
        Title = title,
        Body = body,
        DocumentDate = date ?? new DateOnly(2025, 3, 1),
    };

    /// <summary>Creates and publishes an item as the publisher <c>province</c>; returns its id.</summary>
    public static async Task<int> PublishThroughApiAsync(HttpClient publisher, object item)
    {
        var created = await publisher.PostAsJsonAsync("/api/content", item);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<ContentApi.Created>())!.Id;
        var published = await publisher.PostAsJsonAsync($"/api/content/{id}/publish", new { });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return id;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Cms.Editing;
using LeadRunner.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Cms.Editing;

/// <summary>Publishing and withdrawing at a time: kept in the database, carried out when due by the test clock, also after a restart.</summary>
public class ContentSchedulingTests
{
    private static readonly DateTimeOffset Start = new(2024, 9, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ScheduledPublishAndUnpublish_SurviveARestart_AndHappenWhenDue()
    {
        var path = LeadRunnerFactory.NewDatabasePath();
        var clock = new FakeTimeProvider(Start);
        int id;
        using (var before = new LeadRunnerFactory(path, deleteOnDispose: false) { Clock = clock })
        {
            var editor = await before.ClientFor("province");
            var created = await editor.PostAsJsonAsync("/api/content", new { type = "notice", title = "定时发布的通知", slug = "timed", body = "定时正文" });
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var scheduled = await (await editor.PostAsJsonAsync($"/api/content/{id}/publish", new { at = Start.AddHours(2) }))
                .Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("scheduled", scheduled.GetProperty("request").GetProperty("state").GetString());
            Assert.Contains("已安排于 2024-09-02 11:00 发布", scheduled.GetProperty("message").GetString());

            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, await RunDueAsync(before));
            Assert.Equal(HttpStatusCode.NotFound, (await before.AnonymousClient().GetAsync("/api/content/timed")).StatusCode);
        }

        // The app was down when the time came: the first pass after the restart publishes.
        clock.Advance(TimeSpan.FromHours(3));
        using var after = new LeadRunnerFactory(path, deleteOnDispose: true) { Clock = clock };
        Assert.Equal(1, await RunDueAsync(after));
        var anonymous = after.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/content/timed")).StatusCode);

        var editor2 = await after.ClientFor("province");
        var withdrawal = await (await editor2.PostAsJsonAsync($"/api/content/{id}/unpublish", new { at = clock.GetUtcNow().AddDays(1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unpublish", withdrawal.GetProperty("request").GetProperty("action").GetString());
        Assert.Equal(0, await RunDueAsync(after));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/content/timed")).StatusCode);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await RunDueAsync(after));
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync("/api/content/timed")).StatusCode);

        // A time already past publishes at once and says so.
        // A day later the earlier sign-in has expired.
        var editor3 = await after.ClientFor("province");
        var republish = await editor3.PostAsJsonAsync($"/api/content/{id}/publish", new { at = clock.GetUtcNow().AddMinutes(-5) });
        var past = await republish.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(republish.IsSuccessStatusCode, past.ToString());
        Assert.Contains("已过，已立即发布", past.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/content/timed")).StatusCode);
    }

    private static async Task<int> RunDueAsync(LeadRunnerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SiteContent>().RunDueAsync(default);
    }
}

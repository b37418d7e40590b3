using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using LeadRunner.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Cms;

public class PublicPagesTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task SectionList_PagesTwentyItemsWithChinesePager()
    {
        // Rows as publishing leaves them, written at once: the list reads only the published columns.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            db.SiteItems.AddRange(Enumerable.Range(1, 21).Select(n => new SiteItem
            {
                Kind = SiteItemKind.Notice, Slug = $"paging-{n}", Title = $"分页测试通知第{n}号", BodyMarkdown = "正文。",
                DocumentDate = new DateOnly(2020, 1, n), PublishedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Version = 1,
            }));
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<PublicSiteCache>().Evict();
        }
        var client = factory.AnonymousClient();
        var first = await client.GetStringAsync("/notices");
        Assert.Contains("下一页", first, StringComparison.Ordinal);
        Assert.Contains("第 2 页", first, StringComparison.Ordinal);
        Assert.DoesNotContain("分页测试通知第1号<", first, StringComparison.Ordinal);
        // The oldest notice (2020-01-01) is pushed to the second page; the cache keeps pages apart by ?page.
        var second = await client.GetStringAsync("/notices?page=2");
        Assert.Contains("分页测试通知第1号<", second, StringComparison.Ordinal);
        Assert.Contains("上一页", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachment_DownloadsAnonymouslyWhilePublic_AndWithdrawnItemAnswers410()
    {
        var publisher = await factory.ClientFor("province");
        var file = await UploadSamples.UploadOkAsync(publisher, UploadSamples.Pdf("附件正文"), "申报材料清单.pdf");
        var id = await PublishedContent.PublishThroughApiAsync(publisher, new
        {
            type = "notice", slug = "with-attachment", title = "附件测试通知", body = "见附件。", documentDate = "2025-04-01",
            attachments = new[] { new { id = file.Id, name = "申报材料清单.pdf" } },
        });
        var anonymous = factory.AnonymousClient();
        var page = await anonymous.GetStringAsync("/notices/with-attachment");
        Assert.Contains($"/attachments/{id}/{file.Id}", page, StringComparison.Ordinal);
        Assert.Contains("申报材料清单.pdf", page, StringComparison.Ordinal);
        var download = await anonymous.GetAsync($"/attachments/{id}/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("申报材料清单.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        // A file of the store that the item does not list is not reachable through it.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/attachments/{id}/{Guid.NewGuid()}")).StatusCode);

        Assert.True((await publisher.PostAsJsonAsync($"/api/content/{id}/unpublish", new { })).IsSuccessStatusCode);
        var gone = await anonymous.GetAsync("/notices/with-attachment");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var html = await gone.Content.ReadAsStringAsync();
        Assert.Contains("该内容已撤下", html, StringComparison.Ordinal);
        Assert.Contains("附件测试通知", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync($"/attachments/{id}/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/notices/never-existed")).StatusCode);
    }

    [Fact]
    public async Task Pages_GuideMovedPermanentlyAndContactSeeded()
    {
        var client = factory.AnonymousClient();
        var guide = await client.GetAsync("/guide");
        Assert.Equal(HttpStatusCode.MovedPermanently, guide.StatusCode);
        Assert.Equal("/pages/guide", guide.Headers.Location!.OriginalString);
        Assert.Contains("办理流程", await client.GetStringAsync("/pages/guide"), StringComparison.Ordinal);
        var contact = await client.GetStringAsync("/pages/contact");
        Assert.Contains("0311—87903827", contact, StringComparison.Ordinal);
        Assert.Contains("href=\"/pages/contact\"", contact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenPublicity_IsOnTheHomePageAndTheNavigationLinksObjections_UntilItsLastDayInChinaHasPassed()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().TodayInChina();
            SiteItem Publicity(string slug, string title, int opens, int closes) => new()
            {
                Kind = SiteItemKind.Publicity, Slug = slug, Title = title, BodyMarkdown = "公示正文。", DocumentDate = today.AddDays(opens),
                OpensOn = today.AddDays(opens), ClosesOn = today.AddDays(closes), PublishedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Version = 1,
            };
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            db.SiteItems.AddRange(Publicity("open-publicity", "公示期内的初选名单公示", -2, 0), Publicity("closed-publicity", "已结束的初选名单公示", -9, -1));
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<PublicSiteCache>().Evict();
        }
        var home = await factory.AnonymousClient().GetStringAsync("/");
        Assert.Contains("公示期内的初选名单公示", home, StringComparison.Ordinal);
        Assert.Contains("公示中，可提出异议", home, StringComparison.Ordinal);
        Assert.DoesNotContain("已结束的初选名单公示", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/publicity/open-publicity\" title=\"公示期内的初选名单公示\">提出异议</a>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedAndSitemap_AreXmlWithAbsoluteAddressesOfPublicItems()
    {
        await PublishedContent.PublishAsync(factory, PublishedContent.Notice("feed-notice", "订阅测试通知"));
        var client = factory.AnonymousClient();
        var feedResponse = await client.GetAsync("/feed.xml");
        Assert.Equal("application/atom+xml", feedResponse.Content.Headers.ContentType!.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await feedResponse.Content.ReadAsStringAsync());
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value == "订阅测试通知");
        Assert.Equal("http://localhost/notices/feed-notice", entry.Element(atom + "link")!.Attribute("href")!.Value);
        Assert.True(DateTimeOffset.TryParse(entry.Element(atom + "updated")!.Value, out _));

        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        var locations = sitemap.Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToList();
        Assert.Contains("http://localhost/notices/feed-notice", locations);
        Assert.Contains("http://localhost/pages/guide", locations);
        Assert.Contains("http://localhost/notices", locations);
    }

    [Fact]
    public async Task CachedPage_ShowsAPublishedEditAtOnce_AndSignedInRequestsGetTheirOwnHeader()
    {
        var publisher = await factory.ClientFor("province");
        var id = await PublishedContent.PublishThroughApiAsync(publisher, new { type = "notice", slug = "cached-notice", title = "缓存测试通知（初稿）", body = "第一版。" });
        var anonymous = factory.AnonymousClient();
        var before = await anonymous.GetAsync("/notices/cached-notice");
        Assert.Contains("缓存测试通知（初稿）", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull((await anonymous.GetAsync("/notices/cached-notice")).Headers.Age); // served from the cache

        var edited = await publisher.PutAsJsonAsync($"/api/content/items/{id}", new { type = "notice", slug = "cached-notice", title = "缓存测试通知（修订）", body = "第二版。" });
        Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        // A saved draft is not public: the cached published version stays right.
        Assert.Contains("（初稿）", await anonymous.GetStringAsync("/notices/cached-notice"), StringComparison.Ordinal);
        Assert.True((await publisher.PostAsJsonAsync($"/api/content/{id}/publish", new { })).IsSuccessStatusCode);
        var after = await anonymous.GetStringAsync("/notices/cached-notice");
        Assert.Contains("缓存测试通知（修订）", after, StringComparison.Ordinal);
        Assert.Contains("第二版。", after, StringComparison.Ordinal);

        Assert.DoesNotContain("您好", await anonymous.GetStringAsync("/"), StringComparison.Ordinal);
        var signedIn = await publisher.GetAsync("/");
        Assert.Null(signedIn.Headers.Age);
        Assert.Contains("您好", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // ...and what the signed-in request rendered was not stored for anonymous visitors.
        Assert.DoesNotContain("您好", await anonymous.GetStringAsync("/"), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Cms.Editing;

/// <summary>Drafts stay apart from what the public reads; versions, diff and restore; refusals name the field and change nothing.</summary>
public class ContentEditingTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string VisitTitle = "关于开展2024年走访调研的通知";
    private static readonly int[] UnknownCases = [999999];

    private static object Notice(string slug, string body, string title = "关于开展走访调研的通知") =>
        new { type = "notice", title, slug, body, summary = "摘要", documentNumber = "冀工信产业〔2024〕9号" };

    [Fact]
    public async Task Draft_Publish_Edit_Restore_ThePublicSeesOnlyPublishedVersions()
    {
        var editor = await factory.ClientFor("province");
        var anonymous = factory.AnonymousClient();

        var created = await editor.PostAsJsonAsync("/api/content", Notice("visit-2024", "第一版正文\n\n| 市 | 家数 |\n|---|---|\n| 石家庄 | 3 |", VisitTitle));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/content/visit-2024")).StatusCode);

        var published = await Json(await editor.PostAsJsonAsync($"/api/content/{id}/publish", new { }));
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.Contains("第一版正文", await BodyAsync(anonymous, "visit-2024"));

        // Editing a published item makes a draft; the public keeps version 1 until the draft is published.
        var edited = await editor.PutAsJsonAsync($"/api/content/items/{id}", Notice("visit-2024", "第二版正文\n\n| 市 | 家数 |\n|---|---|\n| 石家庄 | 4 |", VisitTitle));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains("第一版正文", await BodyAsync(anonymous, "visit-2024"));
        var item = await Json(await editor.GetAsync($"/api/content/items/{id}"));
        Assert.Equal("第二版正文\n\n| 市 | 家数 |\n|---|---|\n| 石家庄 | 4 |", item.GetProperty("draft").GetProperty("body").GetString());
        Assert.StartsWith("第一版正文", item.GetProperty("published").GetProperty("body").GetString());

        Assert.Equal(2, (await Json(await editor.PostAsJsonAsync($"/api/content/{id}/publish", new { }))).GetProperty("version").GetInt32());
        Assert.Contains("第二版正文", await BodyAsync(anonymous, "visit-2024"));

        var diff = await Json(await editor.GetAsync($"/api/content/{id}/diff?from=1&to=2"));
        Assert.Contains(diff.EnumerateArray(), c => c.GetProperty("path").GetString()!.StartsWith("正文", StringComparison.Ordinal)
            && c.GetProperty("before").GetString()!.Contains("第一版正文", StringComparison.Ordinal)
            && c.GetProperty("after").GetString()!.Contains("第二版正文", StringComparison.Ordinal));

        // Restoring makes version 1 the draft again: still version 2 in public until it is published as version 3.
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/content/{id}/versions/1/restore", null)).StatusCode);
        Assert.Contains("第二版正文", await BodyAsync(anonymous, "visit-2024"));
        Assert.Equal(3, (await Json(await editor.PostAsJsonAsync($"/api/content/{id}/publish", new { }))).GetProperty("version").GetInt32());
        Assert.Contains("第一版正文", await BodyAsync(anonymous, "visit-2024"));

        var versions = await Json(await editor.GetAsync($"/api/content/{id}/versions"));
        Assert.Equal([3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.True(versions[0].GetProperty("current").GetBoolean());

        // Withdrawn: the address answers 410, the list no longer shows it; every step is in the audit log.
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/content/{id}/unpublish", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync("/api/content/visit-2024")).StatusCode);
        var list = await Json(await anonymous.GetAsync("/api/content?type=notice"));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == "visit-2024");
        using var scope = factory.Services.CreateScope();
        var actions = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries
            .Where(e => e.Kind == AuditKinds.Content && e.Subject.Contains(VisitTitle)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["保存网站内容草稿", "发布网站内容", "保存网站内容草稿", "发布网站内容", "保存网站内容草稿", "发布网站内容", "撤下网站内容"], actions);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithTheFieldAndChangesNothing()
    {
        var editor = await factory.ClientFor("province");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var before = await db.SiteItems.CountAsync();

        var invalid = await editor.PostAsJsonAsync("/api/content", new
        {
            type = "notice", title = "", slug = "Bad Slug!", body = "", attachments = new[] { new { id = Guid.NewGuid(), name = "伪造.pdf" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await Json(invalid)).GetProperty("errors");
        Assert.Contains("网址名", errors.GetProperty("$.slug")[0].GetString());
        Assert.Contains("正文不能为空", errors.GetProperty("$.body")[0].GetString());
        Assert.Contains("不存在", errors.GetProperty("$.attachments[0]")[0].GetString());

        var unknownType = await editor.PostAsJsonAsync("/api/content", new { type = "poster", title = "海报", slug = "poster", body = "正文" });
        Assert.Contains("poster", (await Json(unknownType)).GetProperty("errors").GetProperty("$.type")[0].GetString());

        // The seeded notice holds this slug: 409 with who holds it.
        var duplicate = await editor.PostAsJsonAsync("/api/content", Notice("2024-notice", "正文"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("已被", (await Json(duplicate)).GetProperty("detail").GetString());

        var publicity = await editor.PostAsJsonAsync("/api/content", new { type = "publicity", title = "公示", slug = "publicity-x", body = "正文", publicity = new { cases = UnknownCases } });
        var publicityErrors = (await Json(publicity)).GetProperty("errors");
        Assert.True(publicityErrors.TryGetProperty("$.round", out _));
        Assert.True(publicityErrors.TryGetProperty("$.publicity.opensOn", out _));

        Assert.Equal(before, await db.SiteItems.CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostAsJsonAsync("/api/content/999999/publish", new { })).StatusCode);
    }

    [Fact]
    public async Task OnlyPublishers_MayEdit()
    {
        foreach (var user in new[] { "county.130534", "city.130100", "admin", "secadmin", "ent.91130534MA0CQH1106" })
        {
            var client = await factory.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/content", Notice($"x-{user.Replace('.', '-')}", "正文"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/content/items")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().PostAsJsonAsync("/api/content", Notice("anon", "正文"))).StatusCode);
    }

    [Fact]
    public async Task WithApprovalOn_TheAuthorCannotApprove_ASecondPublisherPublishes()
    {
        var admin = await factory.ClientFor("admin");
        var author = await factory.ClientFor("province");
        var second = await factory.ClientFor("province.editor");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/content/settings", new { requireApproval = true })).StatusCode);
        try
        {
            var id = (await Json(await author.PostAsJsonAsync("/api/content", Notice("approval-1", "须审核的正文")))).GetProperty("id").GetInt32();
            var asked = await Json(await author.PostAsJsonAsync($"/api/content/{id}/publish", new { }));
            Assert.Equal("awaitingApproval", asked.GetProperty("request").GetProperty("state").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await factory.AnonymousClient().GetAsync("/api/content/approval-1")).StatusCode);
            var requestId = asked.GetProperty("request").GetProperty("id").GetInt32();

            var own = await author.PostAsync($"/api/content/requests/{requestId}/approve", null);
            Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
            Assert.Contains("不能审核自己", (await Json(own)).GetProperty("detail").GetString());

            var approved = await Json(await second.PostAsync($"/api/content/requests/{requestId}/approve", null));
            Assert.Equal("published", approved.GetProperty("status").GetString());
            Assert.Contains("须审核的正文", await BodyAsync(factory.AnonymousClient(), "approval-1"));
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/content/settings", new { requireApproval = false });
        }
    }

    [Fact]
    public async Task SeededNotice_IsAVersionedItemOfThe2024Round_WithItsNineAnnexes()
    {
        var anonymous = factory.AnonymousClient();
        var notice = await Json(await anonymous.GetAsync("/api/content/2024-notice"));
        Assert.Equal(2024, notice.GetProperty("item").GetProperty("round").GetInt32());
        var page = await anonymous.GetStringAsync("/notices/2024-notice");
        var annexes = System.Text.RegularExpressions.Regex.Matches(page, @"/api/documents/annex/(\d)/blank\.docx\?year=2024").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(9, annexes.Count);

        var editor = await factory.ClientFor("province");
        var id = notice.GetProperty("item").GetProperty("id").GetInt32();
        var versions = await Json(await editor.GetAsync($"/api/content/{id}/versions"));
        // Seeded as version 1, linked to its round as version 2 when the round opened.
        Assert.Equal(2, versions[0].GetProperty("version").GetInt32());
        var diff = await Json(await editor.GetAsync($"/api/content/{id}/diff?from=1&to=2"));
        Assert.Contains(diff.EnumerateArray(), c => c.GetProperty("path").GetString() == "所属年度" && c.GetProperty("after").GetString() == "2024");
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<string> BodyAsync(HttpClient client, string slug) =>
        (await Json(await client.GetAsync($"/api/content/{slug}"))).GetProperty("body").GetString()!;
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Tests.TestHost;
using LeadRunner.Tests.Uploads;
using LeadRunner.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Forms;

/// <summary>The app on a clock the tests move, with a 64 KB global upload limit so that "too large" is cheap to reach.</summary>
public sealed class UploadGrantFactory : LeadRunnerFactory
{
    public const long GlobalLimit = 64 * 1024;

    public UploadGrantFactory() => Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Uploads:MaxBytes", GlobalLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Visitors attach files to the public objection form through short-lived, limited upload grants.</summary>
public class UploadGrantTests(UploadGrantFactory factory) : IClassFixture<UploadGrantFactory>
{
    private const string Evidence = "?form=objection&field=evidence";

    private static async Task<FormUploadGrants.GrantDto> GrantAsync(HttpClient client, string form = "objection")
    {
        var response = await client.PostAsync($"/api/forms/{form}/upload-grants", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<FormUploadGrants.GrantDto>())!;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? token, byte[] bytes, string query = Evidence)
    {
        using var body = UploadSamples.Body(bytes, "盖章异议书.pdf", ("name", "x.pdf"), ("dir", ""));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads" + query) { Content = body };
        if (token is not null)
        {
            request.Headers.Add(UploadGrants.Header, token);
        }
        return await client.SendAsync(request);
    }

    private static async Task<string> DetailOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();

    private static JsonObject Objection(params JsonObject[] evidence) => new()
    {
        ["objectorType"] = "个人", ["objectorName"] = "李明", ["contactPhone"] = "13800138000", ["targetEnterpriseName"] = "雄县新宇塑料包装有限公司",
        ["grounds"] = "该企业上年度发生过环境污染事故，被生态环境部门处罚，不符合认定条件。", ["realNameCommitment"] = true,
        ["evidence"] = new JsonArray([.. evidence.Select(e => e.DeepClone())]),
    };

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string? token, JsonObject data)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/forms/objection/submissions") { Content = JsonContent.Create(new { data }) };
        if (token is not null)
        {
            request.Headers.Add(UploadGrants.Header, token);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Visitor_UploadsWithGrant_ReadsItBack_AndTheObjectionKeepsTheFile()
    {
        var visitor = factory.AnonymousClient();
        var grant = await GrantAsync(visitor);
        Assert.Equal((5, UploadGrantFactory.GlobalLimit), (grant.MaxFiles, grant.MaxBytes));

        var pdf = UploadSamples.Pdf("异议证据");
        var response = await UploadAsync(visitor, grant.Token, pdf);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var uploaded = (await response.Content.ReadFromJsonAsync<UploadFile.UploadedFileDto>())!;

        // Read back by the grant's link; not without it, nor with another visitor's grant.
        Assert.Equal(pdf, await visitor.GetByteArrayAsync(uploaded.Data.Url));
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync(uploaded.Url)).StatusCode);
        var other = await GrantAsync(factory.AnonymousClient());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{uploaded.Url}?grant={Uri.EscapeDataString(other.Token)}")).StatusCode);

        var entry = new JsonObject { ["storage"] = "url", ["name"] = "x.pdf", ["originalName"] = "盖章异议书.pdf", ["url"] = uploaded.Data.Url, ["size"] = pdf.Length, ["type"] = "application/pdf" };
        // Without the grant the file is not the visitor's to submit.
        var refused = await SubmitAsync(visitor, null, Objection(entry));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不是您上传的文件", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var submitted = await SubmitAsync(visitor, grant.Token, Objection(entry));
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<FormsApi.Submitted>())!.Id;

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var stored = await db.StoredFiles.IgnoreQueryFilters().SingleAsync(f => f.Id == uploaded.Id);
        Assert.StartsWith(UploadGrant.OwnerPrefix, stored.OwnerUserId, StringComparison.Ordinal);
        Assert.Equal(("objection", "evidence", $"form-submission:{id}"), (stored.FormKey, stored.FieldKey, stored.AttachedTo));
        Assert.Null(stored.EnterpriseId);
        // The province reads public objections and their evidence; an enterprise does not.
        var province = await factory.ClientFor("province");
        var saved = (await province.GetFromJsonAsync<FormsApi.SubmissionDto>($"/api/forms/submissions/{id}"))!;
        Assert.Equal($"/api/uploads/{uploaded.Id}", saved.Data!["evidence"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(pdf, await province.GetByteArrayAsync(uploaded.Url));
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientFor("ent.91130534MA0CQH1106")).GetAsync(uploaded.Url)).StatusCode);
    }

    [Fact]
    public async Task Upload_ForgedWrongFormTooLargeOrOneTooMany_IsRefusedInChinese()
    {
        var visitor = factory.AnonymousClient();
        var grant = await GrantAsync(visitor);
        var before = await UploadSamples.RecordCountAsync(factory);

        var forged = await UploadAsync(visitor, grant.Token[..^4] + "AAAA", UploadSamples.Pdf());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("上传凭证无效", await DetailOf(forged), StringComparison.Ordinal);

        var wrongForm = await UploadAsync(visitor, grant.Token, UploadSamples.Pdf(), "?form=application&field=evidenceFiles");
        Assert.Equal(HttpStatusCode.Forbidden, wrongForm.StatusCode);
        Assert.Equal("该上传凭证只能用于表单“objection”，不能用于表单“application”。", await DetailOf(wrongForm));

        var tooLarge = await UploadAsync(visitor, grant.Token, [.. UploadSamples.Pdf(), .. new byte[UploadGrantFactory.GlobalLimit]]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("最大 64 KB", await DetailOf(tooLarge), StringComparison.Ordinal);
        Assert.Equal(before, await UploadSamples.RecordCountAsync(factory));

        for (var i = 0; i < grant.MaxFiles; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(visitor, grant.Token, UploadSamples.Pdf($"第{i}份"))).StatusCode);
        }
        var oneTooMany = await UploadAsync(visitor, grant.Token, UploadSamples.Pdf("第六份"));
        Assert.Equal(HttpStatusCode.TooManyRequests, oneTooMany.StatusCode);
        Assert.Equal("每个上传凭证最多上传 5 个文件，已达上限，未保存。", await DetailOf(oneTooMany));
        Assert.Equal(before + grant.MaxFiles, await UploadSamples.RecordCountAsync(factory));
    }

    [Fact]
    public async Task Grant_OnlyForPublicFormsWithFiles_AndExpiresForUploading()
    {
        var visitor = factory.AnonymousClient();
        var loginForm = await visitor.PostAsync("/api/forms/application/upload-grants", null);
        Assert.Equal(HttpStatusCode.Forbidden, loginForm.StatusCode);
        Assert.Contains("须登录后填写", await DetailOf(loginForm), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsync("/api/forms/nonexistent/upload-grants", null)).StatusCode);

        var grant = await GrantAsync(visitor);
        factory.Clock!.Advance(TimeSpan.FromMinutes(31));
        var expired = await UploadAsync(visitor, grant.Token, UploadSamples.Pdf());
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("上传凭证已过期（有效期 30 分钟），请刷新页面后重新上传。", await DetailOf(expired));
        // A new grant on the moved clock uploads again.
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(visitor, (await GrantAsync(visitor)).Token, UploadSamples.Pdf())).StatusCode);
    }
}

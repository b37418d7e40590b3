using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace LeadRunner.Tests.Hosting;

/// <summary>The app with small allowances so that each limit can be seen firing.</summary>
public sealed class RateLimitedFactory : LeadRunnerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:AnonymousSubmissions:PermitLimit", "2");
        builder.UseSetting("RateLimits:AnonymousSubmissions:WindowSeconds", "3600");
        builder.UseSetting("RateLimits:Uploads:PermitLimit", "2");
        builder.UseSetting("RateLimits:Uploads:WindowSeconds", "3600");
        builder.UseSetting("Uploads:DailyQuotaBytes", "60");
    }
}

public sealed class RateLimitTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    private static readonly object Application = new { year = 2024, listed = false, inCultivationPool = true, clusterRank = 3, clusterSize = 100 };

    [Fact]
    public async Task Anonymous_submissions_are_limited_per_client_with_Retry_After_signed_in_users_are_not()
    {
        var anonymous = factory.AnonymousClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await anonymous.PostAsJsonAsync("/api/eligibility/check", Application)).StatusCode);
        }
        var refused = await anonymous.PostAsJsonAsync("/api/eligibility/check", Application);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("请求过于频繁", problem["title"]!.GetValue<string>());
        Assert.Equal(RateLimits.AnonymousSubmissions, problem["limit"]!.GetValue<string>());
        Assert.Contains("匿名提交过于频繁", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The public objection form shares the allowance; the self-check page answers with the Chinese error page.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.PostAsJsonAsync("/api/forms/objection/submissions", new { data = new { } })).StatusCode);
        var page = await anonymous.PostAsync("/eligibility?handler=Check", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("操作过于频繁", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // So does a file checked at /verify (hashed on the server); showing the pages costs nothing.
        using (var file = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "证书.docx" } })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.PostAsync("/verify/ABCDEFGHJK", file)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/eligibility")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/verify/ABCDEFGHJK")).StatusCode);

        var signedIn = await factory.ClientFor("county.130534");
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await signedIn.PostAsJsonAsync("/api/eligibility/check", Application)).StatusCode);
        }
    }

    /// <summary>POSTs anyone may make without an account that need no allowance, and why.</summary>
    private static readonly Dictionary<string, string> UnlimitedAnonymousPosts = new()
    {
        ["/error/{code:int}"] = "只显示状态码错误页（请求出错后重新执行时也用于 POST），不做任何处理",
        ["/logout"] = "未登录时没有可退出的会话，不做任何处理；已登录的请求受跨站检查",
    };

    [Fact]
    public async Task EveryAnonymousPost_EndpointOrPageHandler_HasARateLimitPolicy()
    {
        var routes = await PostHandlers.AllAsync(factory.Services);
        var anonymous = routes.Where(r => r.Anonymous).ToList();
        var unlimited = anonymous.Where(r => r.RateLimitPolicy is null && !UnlimitedAnonymousPosts.ContainsKey(r.Template))
            .Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(unlimited.Count == 0, "这些匿名写操作没有限流策略：\n" + string.Join('\n', unlimited));
        // The ones this was written for are found, pages and API alike.
        foreach (var path in new[] { "/verify/1", "/eligibility?handler=Check", "/login", "/api/eligibility/check", "/api/forms/1/submissions", "/api/auth/login" })
        {
            Assert.Contains(anonymous, r => r.Path == path && r.RateLimitPolicy is not null);
        }
        Assert.All(UnlimitedAnonymousPosts.Keys, template => Assert.Contains(anonymous, r => r.Template == template));
    }

    [Fact]
    public async Task Uploads_are_limited_per_user_by_rate_and_by_daily_quota()
    {
        // 60 bytes a day: the second small PDF (47 bytes each) is over the quota.
        var quotaUser = await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(quotaUser)).StatusCode);
        var overQuota = await UploadAsync(quotaUser);
        Assert.Equal(HttpStatusCode.TooManyRequests, overQuota.StatusCode);
        Assert.NotNull(overQuota.Headers.RetryAfter);
        var quotaProblem = (await overQuota.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("每日上传容量配额", quotaProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(quotaProblem["limit"]);

        // Another user has a quota and an allowance of their own: the rate limit fires on the third request.
        var rateUser = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(rateUser)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await UploadAsync(rateUser)).StatusCode); // quota
        var tooFast = await UploadAsync(rateUser);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooFast.StatusCode);
        Assert.NotNull(tooFast.Headers.RetryAfter);
        Assert.Equal(RateLimits.Uploads, (await tooFast.Content.ReadFromJsonAsync<JsonObject>())!["limit"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client)
    {
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        body.Add(file, "file", "证明.pdf");
        return await client.PostAsync("/api/uploads", body);
    }
}

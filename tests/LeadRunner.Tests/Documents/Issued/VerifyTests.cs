using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Documents.Issued;

/// <summary>The public check of issued documents: API, page, and comparing a file's SHA-256.</summary>
public class VerifyTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("<p>企业申请报告</p>");

    private async Task<IssuedFile> IssueAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var issuer = scope.ServiceProvider.GetRequiredService<DocumentIssuer>();
        var request = new IssueRequest("annex-04", "企业申请报告", 4, "清河县恒嘉羊绒制品有限公司", new Issuer("enterprise", null, null), 1, "130500");
        var file = await issuer.IssueAsync(request, IssuedFormats.Html, stamp => [.. Content, .. Encoding.UTF8.GetBytes(stamp.Code)], CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().SaveChangesAsync();
        return file;
    }

    [Fact]
    public async Task Api_ReturnsWhatWasIssued_WithTheHashOfTheDeliveredBytes()
    {
        var file = await IssueAsync();

        var found = await factory.AnonymousClient().GetFromJsonAsync<JsonObject>($"/api/verify/{file.Code.ToLowerInvariant()}");

        Assert.Equal(file.Code, found!["code"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Bytes)), found["sha256"]!.GetValue<string>());
        Assert.Equal("清河县恒嘉羊绒制品有限公司", found["subject"]!.GetValue<string>());
        Assert.Equal("企业", found["issuerRoleName"]!.GetValue<string>());
        Assert.Equal(4, found["annexNumber"]!.GetValue<int>());
        Assert.Equal(file.Bytes.LongLength, found["size"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("AB3DEFGH4K", "未找到核验码")]
    [InlineData("not-a-code", "格式不正确")]
    public async Task Api_UnknownCode_Returns404WithChineseMessage(string code, string message)
    {
        var response = await factory.AnonymousClient().GetAsync($"/api/verify/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsTheDocumentToAnonymousVisitors()
    {
        var file = await IssueAsync();

        var html = await factory.AnonymousClient().GetStringAsync($"/verify/{file.Code}");

        Assert.Contains("清河县恒嘉羊绒制品有限公司", html, StringComparison.Ordinal);
        Assert.Contains(file.Sha256, html, StringComparison.Ordinal);
        Assert.Contains("附件4", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_UnknownCode_Is404WithChineseMessage()
    {
        var response = await factory.AnonymousClient().GetAsync("/verify/AB3DEFGH4K");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("未找到核验码为“AB3DEFGH4K”的文件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "一致")]
    [InlineData(false, "不一致")]
    public async Task Page_ComparesAChosenFileWithTheRecordedHash(bool same, string verdict)
    {
        var file = await IssueAsync();
        var client = factory.AnonymousClient();
        var page = await client.GetStringAsync($"/verify/{file.Code}");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(same ? file.Bytes : [.. file.Bytes, 0]), "file", "附件4.html" },
        };
        var response = await client.PostAsync($"/verify/{file.Code}", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<strong>{verdict}：</strong>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

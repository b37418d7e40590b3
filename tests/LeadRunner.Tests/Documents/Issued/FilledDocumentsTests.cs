using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using LeadRunner.Documents.Issued;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Documents.Issued;

/// <summary>Filled annexes downloaded from a case: content from the forms, a verification code, and region scoping.</summary>
public partial class FilledDocumentsTests(DocumentsFactory factory) : IClassFixture<DocumentsFactory>
{
    private const string Qinghe = CaseSeeder.QingheUscc;

    [GeneratedRegex("([23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10})")]
    private static partial Regex CodePattern();

    private async Task<long> QingheCaseAsync(string marker, bool claims = true)
    {
        var variables = CaseSeeder.Variables("清河县恒嘉羊绒制品有限公司", 1, marker);
        if (!claims)
        {
            variables["application"]!["claimsMerger"] = false;
            variables["application"]!["claimsSharedManufacturing"] = false;
        }
        return await CaseSeeder.AddCaseAsync(factory.Services, Qinghe, variables);
    }

    internal static string DocxText(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Empty(new OpenXmlValidator().Validate(word));
        return word.MainDocumentPart!.Document!.Body!.InnerText;
    }

    [Theory]
    [InlineData("annex-04", "基本条件说明")]
    [InlineData("annex-04", "发展规划")]
    [InlineData("annex-05", "营业执照")]
    [InlineData("annex-06", "并购双方")]
    [InlineData("annex-07", "共享平台")]
    [InlineData("annex-08", "县级审核意见")]
    [InlineData("annex-09", "2024年9月5日", false)]
    public async Task Docx_OfEachAnnex_CarriesTheCaseTextAndItsCode(string annex, string fieldText, bool marked = true)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var id = await QingheCaseAsync(marker);
        var client = await factory.ClientFor($"ent.{Qinghe}");

        var response = await client.GetAsync($"/api/cases/{id}/documents/{annex}.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = DocxText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(marked ? fieldText + marker : fieldText, text, StringComparison.Ordinal);
        Assert.Contains("清河县恒嘉羊绒制品有限公司", text, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("X-Verification-Code").Single(), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("html")]
    public async Task Download_ThenVerify_RecordsTheHashOfExactlyTheDownloadedBytes(string format)
    {
        var id = await QingheCaseAsync("round-trip");
        var client = await factory.ClientFor("county.130534");

        var bytes = await client.GetByteArrayAsync($"/api/cases/{id}/documents/annex-08.{format}");
        var text = format == "docx" ? DocxText(bytes) : Encoding.UTF8.GetString(bytes);
        var code = CodePattern().Match(text[text.IndexOf("验证码", StringComparison.Ordinal)..]).Value;
        var verified = await factory.AnonymousClient().GetFromJsonAsync<JsonObject>($"/api/verify/{code}");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), verified!["sha256"]!.GetValue<string>());
        Assert.Equal(format, verified["format"]!.GetValue<string>());
        Assert.Equal("县级工信部门", verified["issuerRoleName"]!.GetValue<string>());
        Assert.Contains($"https://leadrunner.example.cn/verify/{code}", text, StringComparison.Ordinal);

        // The person who downloaded it is recorded twice: as the document's issuer and in the audit log.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunner.Data.LeadRunnerDb>();
        Assert.Equal("county.130534", (await db.Set<IssuedDocument>().SingleAsync(d => d.Code == code)).IssuerUserName);
        var entry = await db.AuditEntries.SingleAsync(a => a.After!.Contains(code));
        Assert.Equal((LeadRunner.Audit.AuditKinds.Download, "county.130534", "下载填写版文件"), (entry.Kind, entry.UserName, entry.Action));
    }

    [Fact]
    public async Task Docx_EmbedsTheQrPicture()
    {
        var id = await QingheCaseAsync("qr");
        var client = await factory.ClientFor("province");

        var bytes = await client.GetByteArrayAsync($"/api/cases/{id}/documents/annex-08.docx");

        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Single(word.MainDocumentPart!.ImageParts);
        Assert.Single(word.MainDocumentPart.Document!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline>());
    }

    [Fact]
    public async Task VerifyPage_ShowsNoPersonalDataOfTheApplication()
    {
        var id = await QingheCaseAsync("privacy");
        var client = await factory.ClientFor($"ent.{Qinghe}");
        var response = await client.GetAsync($"/api/cases/{id}/documents/annex-08.html");
        var code = response.Headers.GetValues("X-Verification-Code").Single();

        var page = await factory.AnonymousClient().GetStringAsync($"/verify/{code}");
        var api = await factory.AnonymousClient().GetStringAsync($"/api/verify/{code}");

        Assert.Contains("清河县恒嘉羊绒制品有限公司", page, StringComparison.Ordinal);
        foreach (var personal in new[] { "李秀梅", "13831912345", "limei@hengjia.example.cn", "张建国" })
        {
            Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
            Assert.DoesNotContain(personal, api, StringComparison.Ordinal);
        }
        // The issuing person is shown to staff whose region covers the document, never to the public or another county.
        Assert.DoesNotContain($"ent.{Qinghe}", page + api, StringComparison.Ordinal);
        Assert.Contains($"（ent.{Qinghe}）", await (await factory.ClientFor("county.130534")).GetStringAsync($"/verify/{code}"), StringComparison.Ordinal);
        Assert.DoesNotContain("issuing-person", await (await factory.ClientFor("county.130638")).GetStringAsync($"/verify/{code}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ent.91130638MA0FB9N1XF")]   // another enterprise (雄县)
    [InlineData("county.130638")]            // a county officer of another county
    [InlineData("county.130582")]            // another county of the same city
    [InlineData("city.133100")]              // another reporting unit
    public async Task Download_OutsideTheCallersScope_Is404(string user)
    {
        var id = await QingheCaseAsync("scope");
        var client = await factory.ClientFor(user);

        var response = await client.GetAsync($"/api/cases/{id}/documents/annex-08.docx");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("无权查看", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ent.91130534MA0CQH1106")]
    [InlineData("county.130534")]
    [InlineData("city.130500")]
    [InlineData("province")]
    [InlineData("admin")]
    public async Task Download_WithinTheCallersScope_Succeeds(string user)
    {
        var id = await QingheCaseAsync("in-scope");
        var client = await factory.ClientFor(user);

        var response = await client.GetAsync($"/api/cases/{id}/documents/annex-08.html");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_Anonymous_IsRefused()
    {
        var id = await QingheCaseAsync("anonymous");

        var response = await factory.AnonymousClient().GetAsync($"/api/cases/{id}/documents/annex-08.html");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("annex-06", "未申报并购")]
    [InlineData("annex-07", "未申报“共享智造”")]
    [InlineData("annex-03", "没有名为")]
    public async Task Download_OfAnAnnexThatDoesNotApply_Is404WithTheReason(string annex, string reason)
    {
        var id = await QingheCaseAsync("no-claims", claims: false);
        var client = await factory.ClientFor($"ent.{Qinghe}");

        var response = await client.GetAsync($"/api/cases/{id}/documents/{annex}.docx");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_LinksTheApplicableAnnexes()
    {
        var id = await QingheCaseAsync("page", claims: false);
        var client = await factory.ClientFor($"ent.{Qinghe}");

        var html = await client.GetStringAsync($"/cases/{id}");

        Assert.Contains($"/api/cases/{id}/documents/annex-04.docx", html, StringComparison.Ordinal);
        Assert.Contains($"/api/cases/{id}/documents/annex-08.docx", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/api/cases/{id}/documents/annex-06.docx", html, StringComparison.Ordinal);
    }
}

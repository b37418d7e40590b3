using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Documents;
using LeadRunner.Tests.TestHost;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Documents;

/// <summary>The blank annexes: anyone may download them, from the current settings; only annexes 1 to 9 exist.</summary>
public class BlankDocumentsApiTests
{
    [Fact]
    public async Task BlankAnnexes_AreAnonymous_ValidWord_AndHtml()
    {
        using var factory = new LeadRunnerFactory();
        var client = factory.AnonymousClient();
        for (var n = 1; n <= 9; n++)
        {
            var docx = await client.GetAsync($"/api/documents/annex/{n}/blank.docx");
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal(DocumentsApi.DocxType, docx.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith($"附件{n}-", docx.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
            var bytes = await docx.Content.ReadAsByteArrayAsync();
            Assert.Empty(DocumentSamples.ValidationErrors(bytes));
            Assert.Contains($"附件 {n}", DocumentSamples.BodyText(bytes), StringComparison.Ordinal);

            var html = await client.GetAsync($"/api/documents/annex/{n}/blank.html");
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            var page = await html.Content.ReadAsStringAsync();
            Assert.Contains("@page { size: A4;", page, StringComparison.Ordinal);
            Assert.DoesNotContain(DocumentHelpers.MissingText, page, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    [InlineData("abc")]
    public async Task BlankAnnex_OutsideOneToNine_Is404WithChineseMessage(string n)
    {
        using var factory = new LeadRunnerFactory();
        var response = await factory.AnonymousClient().GetAsync($"/api/documents/annex/{n}/blank.docx");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("附件编号应为 1 至 9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankAnnex1_AfterTheThresholdChanges_StatesTheNewNumber()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = (await admin.GetFromJsonAsync<JsonObject>("/api/programmes/2024"))!;
        settings["rdThreshold"] = 4.5m;
        var saved = await admin.PutAsJsonAsync("/api/programmes/2024?note=测试", settings);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var anonymous = factory.AnonymousClient();
        var html = await anonymous.GetStringAsync("/api/documents/annex/1/blank.html");
        Assert.Contains("研发投入占比原则上达到 4.5% 以上", html, StringComparison.Ordinal);
        var docx = await anonymous.GetByteArrayAsync("/api/documents/annex/1/blank.docx");
        Assert.Contains("研发投入占比原则上达到 4.5% 以上", DocumentSamples.BodyText(docx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticePage_AndDocumentsPage_LinkTheNineBlankAnnexes()
    {
        using var factory = new LeadRunnerFactory();
        var client = factory.AnonymousClient();
        foreach (var path in new[] { "/notices/2024-notice", "/documents" })
        {
            var page = await client.GetStringAsync(path);
            Assert.Contains("附件下载", page, StringComparison.Ordinal);
            for (var n = 1; n <= 9; n++)
            {
                Assert.Contains($"/api/documents/annex/{n}/blank.docx", page, StringComparison.Ordinal);
            }
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;
using LeadRunner.Uploads;

namespace LeadRunner.Tests.Uploads;

/// <summary>POST /api/uploads and GET /api/uploads/{id}: types by content, names, duplicates, Form.io's request shape.</summary>
public class UploadApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string Enterprise = "ent.91130534MA0CQH1106";

    public static TheoryData<string, string, string> AcceptedTypes => new()
    {
        { "pdf", "营业执照（副本）.pdf", "application/pdf" },
        { "docx", "附件4 申报书.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "jpeg", "现场照片.jpeg", "image/jpeg" },
        { "png", "证书扫描.png", "image/png" },
    };

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => UploadSamples.Pdf(),
        "docx" => UploadSamples.Docx(),
        "jpeg" => UploadSamples.Jpeg(),
        _ => UploadSamples.Png(),
    };

    [Theory]
    [MemberData(nameof(AcceptedTypes))]
    public async Task Upload_AcceptedType_RoundTripsBytesTypeAndChineseName(string kind, string fileName, string mime)
    {
        var client = await factory.ClientFor(Enterprise);
        var bytes = Sample(kind);

        var uploaded = await UploadSamples.UploadOkAsync(client, bytes, fileName);
        Assert.Equal(fileName, uploaded.Name);
        Assert.Equal(mime, uploaded.Type);
        Assert.Equal(bytes.Length, uploaded.Size);
        Assert.Equal($"/api/uploads/{uploaded.Id}", uploaded.Url);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), uploaded.Sha256);

        var download = await client.GetAsync(uploaded.Url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(mime, download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(fileName, Uri.UnescapeDataString(disposition.FileNameStar!));
    }

    [Fact]
    public async Task Upload_ExeRenamedPdf_Returns400AndKeepsNothing()
    {
        var client = await factory.ClientFor(Enterprise);
        var before = await UploadSamples.RecordCountAsync(factory);

        var response = await UploadSamples.PostAsync(client, UploadSamples.Exe(), "审计报告.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("文件类型不支持", problem!["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await UploadSamples.RecordCountAsync(factory));
        Assert.DoesNotContain(UploadSamples.FilesOnDisk(factory), f => f.EndsWith(".part", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_ZipThatIsNotAWordDocument_Returns400()
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await UploadSamples.PostAsync(client, UploadSamples.NonWordZip(), "报表.docx");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("文件类型不支持", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_PdfNamedAsImage_Returns400NamingTheMismatch()
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await UploadSamples.PostAsync(client, UploadSamples.Pdf(), "照片.png");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("扩展名“.png”与文件内容（PDF）不符", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_EmptyFile_Returns400()
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await UploadSamples.PostAsync(client, [], "空白.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("文件为空", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WithoutFilePart_Returns400()
    {
        var client = await factory.ClientFor(Enterprise);
        using var body = new MultipartFormDataContent { { new StringContent("x.pdf"), "name" } };
        var response = await client.PostAsync("/api/uploads", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("没有收到文件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NotMultipart_Returns400()
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await client.PostAsJsonAsync("/api/uploads", new { file = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multipart/form-data", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Anonymous_Returns401()
    {
        var response = await UploadSamples.PostAsync(factory.AnonymousClient(), UploadSamples.Pdf(), "a.pdf");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("..\\..\\windows/system32/报告\u0001<第一季度>.pdf", "报告_第一季度_.pdf")]
    [InlineData("/etc/passwd", "passwd.pdf")]
    [InlineData("  .隐藏 文件.PDF  ", "隐藏 文件.pdf")]
    [InlineData("a|b:c*d?.pdf", "a_b_c_d_.pdf")]
    public async Task Upload_UnsafeFileName_IsStoredSanitised(string sent, string stored)
    {
        var client = await factory.ClientFor(Enterprise);
        var uploaded = await UploadSamples.UploadOkAsync(client, UploadSamples.Pdf(sent), sent);
        Assert.Equal(stored, uploaded.Name);
        var download = await client.GetAsync(uploaded.Url);
        Assert.Equal(stored, Uri.UnescapeDataString(download.Content.Headers.ContentDisposition!.FileNameStar!));
    }

    [Fact]
    public async Task Upload_BrowserStyleRawUtf8FileName_KeepsTheChineseName()
    {
        // Browsers put the UTF-8 name straight into filename="…" (no filename*), as the HTML form encoding says.
        var client = await factory.ClientFor(Enterprise);
        const string Boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        var head = System.Text.Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"研发费用专项审计报告.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
        var tail = System.Text.Encoding.UTF8.GetBytes($"\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"dir\"\r\n\r\n\r\n--{Boundary}--\r\n");
        using var body = new ByteArrayContent([.. head, .. UploadSamples.Pdf(), .. tail]);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");

        var response = await client.PostAsync("/api/uploads", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("研发费用专项审计报告.pdf", (await response.Content.ReadFromJsonAsync<UploadFile.UploadedFileDto>())!.Name);
    }

    [Fact]
    public async Task Upload_SameContentTwice_StoresOneBlobForTwoRecords()
    {
        var client = await factory.ClientFor(Enterprise);
        var bytes = UploadSamples.Pdf("重复内容 " + Guid.NewGuid());
        var first = await UploadSamples.UploadOkAsync(client, bytes, "甲.pdf");
        var second = await UploadSamples.UploadOkAsync(client, bytes, "乙.pdf");

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Single(UploadSamples.FilesOnDisk(factory), f => Path.GetFileName(f) == first.Sha256);
        Assert.Equal(Path.Combine(factory.UploadsRoot, first.Sha256[..2], first.Sha256),
            UploadSamples.FilesOnDisk(factory).Single(f => Path.GetFileName(f) == first.Sha256));
        var disposition = (await client.GetAsync(second.Url)).Content.Headers.ContentDisposition!;
        Assert.Equal("乙.pdf", Uri.UnescapeDataString(disposition.FileNameStar!));
    }

    [Fact]
    public async Task Upload_AsFormioUrlStorageSendsIt_StoredEntryUrlResolvesToTheUpload()
    {
        var client = await factory.ClientFor(Enterprise);
        // Form.io 5 posts file, name and dir, and appends baseUrl, project and an empty form to the component's url.
        var componentUrl = "/api/uploads";
        using var body = UploadSamples.Body(UploadSamples.Pdf(), "盖章扫描件.pdf", ("name", "--------5c1f.pdf"), ("dir", ""));
        var response = await client.PostAsync(componentUrl + "?baseUrl=http%3A%2F%2Flocalhost&project=&form=", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        // What Form.io does with the answer: data when present, and a url starting with "/" is prefixed by the component url.
        var data = json["data"]!.AsObject();
        var stored = data["url"]!.GetValue<string>();
        if (stored.StartsWith('/'))
        {
            stored = componentUrl + stored;
        }
        Assert.True(IUploadedFiles.TryParseId(stored, out var id));
        Assert.Equal(json["id"]!.GetValue<Guid>(), id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(stored).PathAndQuery)).StatusCode);
        Assert.Equal("盖章扫描件.pdf", json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Download_UnknownId_Returns404()
    {
        var client = await factory.ClientFor("province");
        var response = await client.GetAsync($"/api/uploads/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

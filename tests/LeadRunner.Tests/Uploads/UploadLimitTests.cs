using System.Net;
using System.Net.Http.Headers;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Uploads;

/// <summary>Global and per-field limits, per-field types and the scanning hook: refused with nothing kept.</summary>
public class UploadLimitTests(LimitedUploadsFactory factory) : IClassFixture<LimitedUploadsFactory>
{
    private const string Enterprise = "ent.91130534MA0CQH1106";

    private static byte[] PdfOfSize(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        Array.Fill(bytes, (byte)' ', 9, size - 9);
        return bytes;
    }

    /// <summary>A file part that would be far larger than the limit, counting how much the server made it produce.</summary>
    private sealed class EndlessPdf(long total) : HttpContent
    {
        private long _written;
        public long Written => Interlocked.Read(ref _written);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[16 * 1024];
            "%PDF-1.4\n"u8.CopyTo(chunk);
            while (Written < total)
            {
                await stream.WriteAsync(chunk);
                Interlocked.Add(ref _written, chunk.Length);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    [Fact]
    public async Task Upload_StreamOverGlobalLimit_Returns413AndStopsReading()
    {
        var client = await factory.ClientFor(Enterprise);
        var before = await UploadSamples.RecordCountAsync(factory);
        const long Total = 16L * 1024 * 1024;
        var endless = new EndlessPdf(Total);
        endless.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var body = new MultipartFormDataContent { { endless, "file", "超大文件.pdf" } };

        var response = await client.PostAsync("/api/uploads", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("文件超过系统允许的大小（最大 64 KB）", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The server stopped after the limit: the client was never asked for most of the 16 MB.
        Assert.True(endless.Written < Total / 4, $"客户端被读取了 {endless.Written} 字节");
        Assert.Equal(before, await UploadSamples.RecordCountAsync(factory));
        Assert.DoesNotContain(UploadSamples.FilesOnDisk(factory), f => f.EndsWith(".part", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_DeclaredLengthOverGlobalLimit_Returns413()
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await UploadSamples.PostAsync(client, PdfOfSize(300 * 1024), "大.pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("最大 64 KB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_JustUnderGlobalLimit_IsAccepted()
    {
        var client = await factory.ClientFor(Enterprise);
        var uploaded = await UploadSamples.UploadOkAsync(client, PdfOfSize((int)LimitedUploadsFactory.GlobalLimit), "刚好.pdf");
        Assert.Equal(LimitedUploadsFactory.GlobalLimit, uploaded.Size);
    }

    [Theory]
    [InlineData("?form=application&field=sealedDocuments")]
    // Form.io appends its own (empty) form parameter to the component's url.
    [InlineData("?form=application&field=sealedDocuments&baseUrl=http%3A%2F%2Flocalhost&project=&form=")]
    public async Task Upload_OverFieldLimitNamedInQuery_Returns413WithFieldMessage(string query)
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await UploadSamples.PostAsync(client, PdfOfSize(2048), "盖章件.pdf", query);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("文件超过该字段允许的大小（最大 1 KB）", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverFieldLimitNamedInDirAfterTheFile_Returns413AndKeepsNothing()
    {
        var client = await factory.ClientFor(Enterprise);
        var before = await UploadSamples.RecordCountAsync(factory);
        var response = await UploadSamples.PostAsync(client, PdfOfSize(2048), "盖章件.pdf", "", ("name", "x.pdf"), ("dir", "application/sealedDocuments"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await UploadSamples.RecordCountAsync(factory));
    }

    [Fact]
    public async Task Upload_WithinFieldLimit_RecordsFormAndField()
    {
        var client = await factory.ClientFor(Enterprise);
        var uploaded = await UploadSamples.UploadOkAsync(client, PdfOfSize(900), "盖章件.pdf", "?form=application&field=sealedDocuments");
        using var scope = factory.Services.CreateScope();
        var record = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().StoredFiles.SingleAsync(f => f.Id == uploaded.Id);
        Assert.Equal(("application", "sealedDocuments"), (record.FormKey, record.FieldKey));
    }

    [Fact]
    public async Task Upload_TypeTheFieldDoesNotTake_Returns400()
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await UploadSamples.PostAsync(client, UploadSamples.Pdf(), "照片.pdf", "?form=application&field=photos");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("该字段只接受 JPEG、PNG 文件，收到的是 PDF 文件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ScannerRejects_Returns400AndKeepsNothing()
    {
        var client = await factory.ClientFor(Enterprise);
        var before = await UploadSamples.RecordCountAsync(factory);
        var bytes = UploadSamples.Pdf(LimitedUploadsFactory.VirusMarker);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        var response = await UploadSamples.PostAsync(client, bytes, "带毒.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("文件未通过安全检查：检测到测试病毒特征", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await UploadSamples.RecordCountAsync(factory));
        Assert.DoesNotContain(UploadSamples.FilesOnDisk(factory), f => Path.GetFileName(f) == sha || f.EndsWith(".part", StringComparison.Ordinal));
    }
}

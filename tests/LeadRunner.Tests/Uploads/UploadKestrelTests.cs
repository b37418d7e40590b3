using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Uploads;

/// <summary>On a real Kestrel port: a limit above Kestrel's own 30 MB default works, and a larger body is cut off early.</summary>
public sealed class UploadKestrelTests : IDisposable
{
    private const long Limit = 40L * 1024 * 1024;

    private sealed class BigLimitFactory : LeadRunnerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Uploads:MaxBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private readonly BigLimitFactory _factory = new();
    private readonly HttpClient _client;

    public UploadKestrelTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    private async Task SignInAsync()
    {
        var login = await _client.PostAsJsonAsync("/api/auth/login", new { email = "ent.91130534MA0CQH1106", password = LeadRunnerFactory.Password });
        var token = (await login.Content.ReadFromJsonAsync<LeadRunnerFactory.TokenResponse>())!.AccessToken;
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A PDF of the given size, produced as it is sent, counting what the server read.</summary>
    private sealed class GeneratedPdf(long total, bool declareLength) : HttpContent
    {
        private long _written;
        public long Written => Interlocked.Read(ref _written);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            "%PDF-1.7\n"u8.CopyTo(chunk);
            while (Written < total)
            {
                var n = (int)Math.Min(chunk.Length, total - Written);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                Interlocked.Add(ref _written, n);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = declareLength ? total : -1;
            return declareLength;
        }
    }

    [Fact]
    public async Task Upload_AboveKestrelDefaultButWithinConfiguredLimit_IsAccepted()
    {
        await SignInAsync();
        const long Size = 35L * 1024 * 1024;
        using var body = new MultipartFormDataContent { { new GeneratedPdf(Size, declareLength: true), "file", "大型扫描件.pdf" } };

        var response = await _client.PostAsync("/api/uploads", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Size, (await response.Content.ReadFromJsonAsync<LeadRunner.Uploads.UploadFile.UploadedFileDto>())!.Size);
    }

    [Fact]
    public async Task Upload_DeclaredLengthOverLimit_Returns413WithoutTheBodyBeingSent()
    {
        await SignInAsync();
        const long Size = 400L * 1024 * 1024;
        var pdf = new GeneratedPdf(Size, declareLength: true);
        using var body = new MultipartFormDataContent { { pdf, "file", "超大.pdf" } };
        // As curl and browsers do for large bodies: the body follows only once the server asks for it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = body };
        request.Headers.ExpectContinue = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("文件超过系统允许的大小（最大 40 MB）", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, pdf.Written);
    }

    [Fact]
    public async Task Upload_ChunkedBodyOverLimit_ServerStopsReadingAndKeepsNothing()
    {
        await SignInAsync();
        const long Size = 400L * 1024 * 1024;
        var pdf = new GeneratedPdf(Size, declareLength: false);
        using var body = new MultipartFormDataContent { { pdf, "file", "超大.pdf" } };

        HttpStatusCode? status = null;
        try
        {
            status = (await _client.PostAsync("/api/uploads", body)).StatusCode;
        }
        catch (HttpRequestException)
        {
            // Kestrel may close the connection rather than drain the rest; the client then never reads the 413.
        }

        Assert.True(status is null or HttpStatusCode.RequestEntityTooLarge, $"状态 {status}");
        Assert.True(pdf.Written < Size / 4, $"客户端发送了 {pdf.Written} 字节");
        Assert.DoesNotContain(UploadSamples.FilesOnDisk(_factory), f => f.EndsWith(".part", StringComparison.Ordinal));
        Assert.Equal(0, await UploadSamples.RecordCountAsync(_factory));
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}

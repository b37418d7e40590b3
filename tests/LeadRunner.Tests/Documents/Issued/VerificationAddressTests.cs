using System.Collections.Concurrent;
using System.IO.Compression;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Documents.Packages;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadRunner.Tests.Documents.Issued;

/// <summary>
/// The address printed on documents in production: the configured one whenever it is set, whatever the request's
/// Host; unset, work without a request (packages, timers, mail) refuses rather than print the listening address.
/// </summary>
public class VerificationAddressTests
{
    private sealed class ProductionFactory(string? publicBaseUrl) : LeadRunnerFactory
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            if (publicBaseUrl is not null)
            {
                builder.UseSetting("Verification:PublicBaseUrl", publicBaseUrl);
            }
            builder.ConfigureLogging(logging => logging.AddProvider(new WarningCollector(Warnings)));
        }
    }

    private sealed class WarningCollector(ConcurrentQueue<string> warnings) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                warnings.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }

    private static readonly Issuer Province = new("province", "province", "省工信厅");

    private static async Task<PackageJob> BuildPackageAsync(LeadRunnerFactory factory)
    {
        PackageJob job;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            job = await scope.ServiceProvider.GetRequiredService<PackageJobs>().StartAsync(new PackageRequest("130500", null, Province), DateTimeOffset.UtcNow, CancellationToken.None);
        }
        for (var i = 0; i < 600 && job.Active; i++)
        {
            await Task.Delay(100);
            await using var scope = factory.Services.CreateAsyncScope();
            job = (await scope.ServiceProvider.GetRequiredService<PackageJobs>().LatestAsync("130500", CancellationToken.None))!;
        }
        Assert.False(job.Active, "材料包 60 秒内未生成完成。");
        return job;
    }

    [Fact]
    public async Task Production_WithoutAnAddress_WarnsAtStart_AndBackgroundWorkIssuesNothing()
    {
        await using var factory = new ProductionFactory(null);
        _ = factory.Services;
        Assert.Contains(factory.Warnings, w => w.Contains("Verification:PublicBaseUrl", StringComparison.Ordinal));

        // A package is built without a request: it fails, saying what to configure, and no document is recorded.
        var job = await BuildPackageAsync(factory);
        Assert.Equal(PackageState.Failed, job.State);
        Assert.Contains("Verification:PublicBaseUrl", job.Error, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Set<IssuedDocument>().CountAsync());
        var refused = Assert.Throws<VerificationAddressMissingException>(() => scope.ServiceProvider.GetRequiredService<VerificationAddress>().BaseUrl);
        Assert.Contains("https://", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithAnAddress_UsesItAlways_WhateverTheRequestsHost()
    {
        await using var factory = new ProductionFactory("https://lingpao.hebei.example/");
        _ = factory.Services;
        Assert.DoesNotContain(factory.Warnings, w => w.Contains("Verification:PublicBaseUrl", StringComparison.Ordinal));

        var job = await BuildPackageAsync(factory);
        Assert.Equal(PackageState.Done, job.State);
        using (var zip = ZipFile.OpenRead(Path.Combine(factory.PackagesFolder, job.FileName!)))
        {
            await using var entry = zip.GetEntry("附件3_市级工信部门推荐报告.docx")!.Open();
            using var bytes = new MemoryStream();
            await entry.CopyToAsync(bytes);
            Assert.Contains("https://lingpao.hebei.example/verify/", FilledDocumentsTests.DocxText(bytes.ToArray()), StringComparison.Ordinal);
        }

        // A request naming another host (AllowedHosts "*" lets it through) does not choose the address.
        await using var scope = factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { Request = { Scheme = "http", Host = new HostString("evil.example") } };
        try
        {
            Assert.Equal("https://lingpao.hebei.example", scope.ServiceProvider.GetRequiredService<VerificationAddress>().BaseUrl);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    [Theory]
    [InlineData("lingpao.hebei.example")]
    [InlineData("ftp://lingpao.hebei.example")]
    [InlineData("https://lingpao.hebei.example/?x=1")]
    public void AnAddressThatIsNotAWebAddress_StopsTheStart_NamingIt(string value)
    {
        using var factory = new ProductionFactory(value);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => factory.Services);
        Assert.Contains($"“{value}”", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Testing_WithoutAnAddress_BackgroundWorkUsesTheListeningAddress()
    {
        await using var factory = new LeadRunnerFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.StartsWith("http://", scope.ServiceProvider.GetRequiredService<VerificationAddress>().BaseUrl, StringComparison.Ordinal);
    }
}

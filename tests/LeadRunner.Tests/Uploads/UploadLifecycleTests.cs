using System.Net;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.Uploads;

/// <summary>Uploads survive a restart; files nothing attached are swept after the retention period, shared blobs kept.</summary>
public class UploadLifecycleTests
{
    private const string Enterprise = "ent.91130534MA0CQH1106";

    [Fact]
    public async Task Upload_AfterRestartOnSameDatabaseAndFolder_IsStillDownloadable()
    {
        var path = LeadRunnerFactory.NewDatabasePath();
        var bytes = UploadSamples.Pdf("重启前");
        UploadFile.UploadedFileDto uploaded;
        using (var before = new LeadRunnerFactory(path, deleteOnDispose: false))
        {
            uploaded = await UploadSamples.UploadOkAsync(await before.ClientFor(Enterprise), bytes, "重启前.pdf");
        }

        using var after = new LeadRunnerFactory(path, deleteOnDispose: true);
        var response = await (await after.ClientFor(Enterprise)).GetAsync(uploaded.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("重启前.pdf", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.FileNameStar!));
    }

    [Fact]
    public async Task Sweep_RemovesUnattachedAfterRetention_KeepsAttachedAndSharedBlobs()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new LeadRunnerFactory { Clock = clock };
        var client = await factory.ClientFor(Enterprise);
        var lonely = await UploadSamples.UploadOkAsync(client, UploadSamples.Pdf("无人使用"), "无人使用.pdf");
        var used = await UploadSamples.UploadOkAsync(client, UploadSamples.Jpeg(), "已提交.jpg");
        var sharedBytes = UploadSamples.Pdf("共享内容");
        var sharedOrphan = await UploadSamples.UploadOkAsync(client, sharedBytes, "草稿.pdf");
        var sharedUsed = await UploadSamples.UploadOkAsync(client, sharedBytes, "正式.pdf");
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUploadedFiles>().AttachAsync([used.Id, sharedUsed.Id], "application:1", default);
        }
        var sweep = factory.Services.GetRequiredService<OrphanSweep>();

        clock.Advance(TimeSpan.FromHours(71));
        Assert.Equal(new OrphanSweep.Report(0, 0, 0), await sweep.SweepAsync());

        clock.Advance(TimeSpan.FromHours(2));
        var report = await sweep.SweepAsync();

        Assert.Equal(2, report.RecordsRemoved);
        Assert.Equal(1, report.BlobsDeleted);
        using var check = factory.Services.CreateScope();
        var ids = await check.ServiceProvider.GetRequiredService<LeadRunnerDb>().StoredFiles.Select(f => f.Id).ToListAsync();
        Assert.Equal(new[] { used.Id, sharedUsed.Id }.Order(), ids.Order());
        var onDisk = UploadSamples.FilesOnDisk(factory).Select(Path.GetFileName).ToHashSet();
        Assert.DoesNotContain(lonely.Sha256, onDisk);
        Assert.Contains(sharedUsed.Sha256, onDisk);
        Assert.Contains(used.Sha256, onDisk);
        client = await factory.ClientFor(Enterprise); // the first token expired while the clock moved on
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(sharedUsed.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(sharedOrphan.Url)).StatusCode);
    }

    [Fact]
    public async Task Sweep_DeletesOldBlobsWithoutRecordAndAbandonedTempFiles()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new LeadRunnerFactory { Clock = clock };
        var storage = factory.Services.GetRequiredService<UploadStorage>();
        var strayBlob = storage.BlobPath(new string('a', 64));
        Directory.CreateDirectory(Path.GetDirectoryName(strayBlob)!);
        await File.WriteAllBytesAsync(strayBlob, UploadSamples.Pdf());
        var strayTemp = storage.NewTempPath();
        await File.WriteAllBytesAsync(strayTemp, [1, 2, 3]);
        var freshTemp = storage.NewTempPath();
        await File.WriteAllBytesAsync(freshTemp, [1, 2, 3]);
        File.SetLastWriteTimeUtc(strayBlob, DateTime.UtcNow.AddDays(-10));
        File.SetLastWriteTimeUtc(strayTemp, DateTime.UtcNow.AddDays(-10));

        var report = await factory.Services.GetRequiredService<OrphanSweep>().SweepAsync();

        Assert.Equal(new OrphanSweep.Report(0, 1, 1), report);
        Assert.False(File.Exists(strayBlob));
        Assert.False(File.Exists(strayTemp));
        Assert.True(File.Exists(freshTemp));
    }

    [Fact]
    public async Task UploadedFiles_FindAndOpenRead_GiveInfoAndBytesToOtherFeatures()
    {
        using var factory = new LeadRunnerFactory();
        var bytes = UploadSamples.Docx();
        var uploaded = await UploadSamples.UploadOkAsync(await factory.ClientFor(Enterprise), bytes, "申报书.docx");
        using var scope = factory.Services.CreateScope();
        var files = scope.ServiceProvider.GetRequiredService<IUploadedFiles>();

        var found = await files.FindAsync([uploaded.Id, Guid.NewGuid()], default);

        var info = Assert.Single(found).Value;
        Assert.Equal(("申报书.docx", bytes.LongLength, uploaded.Sha256), (info.FileName, info.Size, info.Sha256));
        Assert.NotNull(info.EnterpriseId);
        await using var stream = await files.OpenReadAsync(uploaded.Id, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => files.OpenReadAsync(Guid.NewGuid(), default));
    }
}

namespace LeadRunner.Tests.Documents.Packages;

public class PackageWorkerTests
{
    [Fact]
    public async Task Start_RemovesPackagesLeftByAnEarlierRun_ButNoOtherFiles()
    {
        using var factory = new DocumentsFactory();
        Directory.CreateDirectory(factory.PackagesFolder);
        var finished = Path.Combine(factory.PackagesFolder, $"130500_{Guid.NewGuid():N}.zip");
        var cutShort = Path.Combine(factory.PackagesFolder, $"133100_{Guid.NewGuid():N}.zip.partial");
        var someoneElses = Path.Combine(factory.PackagesFolder, "光盘备份.zip");
        foreach (var file in new[] { finished, cutShort, someoneElses })
        {
            await File.WriteAllBytesAsync(file, [1]);
        }

        _ = factory.Services; // starts the app and its worker
        for (var i = 0; i < 50 && File.Exists(cutShort); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(File.Exists(finished));
        Assert.False(File.Exists(cutShort));
        Assert.True(File.Exists(someoneElses));
    }
}

using LeadRunner.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace LeadRunner.Tests.Uploads;

public class UploadStorageTests
{
    private sealed class Environment(string contentRoot) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = Path.Combine(contentRoot, "src", "LeadRunner", "wwwroot");
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "LeadRunner";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = contentRoot;
        public string EnvironmentName { get; set; } = "Testing";
    }

    [Fact]
    public void Storage_RootInsideWebRoot_IsRefusedAtStart()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "leadrunner-tests", Guid.NewGuid().ToString("N"));
        var options = Options.Create(new UploadOptions { Root = "src/LeadRunner/wwwroot/files" });

        var error = Assert.Throws<InvalidOperationException>(() => new UploadStorage(options, new Environment(contentRoot)));

        Assert.Contains("不能位于网站静态文件目录", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(contentRoot, "src")));
    }

    [Fact]
    public void Storage_RelativeRoot_IsTakenFromContentRootAndBlobsAreNamedByHash()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "leadrunner-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var storage = new UploadStorage(Options.Create(new UploadOptions { Root = "data/uploads" }), new Environment(contentRoot));
            var sha = new string('b', 62) + "0c";
            Assert.Equal(Path.Combine(contentRoot, "data", "uploads", "bb", sha), storage.BlobPath(sha));
            Assert.Throws<ArgumentException>(() => storage.BlobPath("../../etc/passwd"));
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Documents.Packages;

namespace LeadRunner.Tests.Documents.Packages;

public class PackageWriterTests
{
    private static async Task<byte[]> WritePackageAsync()
    {
        using var buffer = new MemoryStream();
        var output = new NonSeekableStream(buffer);
        await using (var writer = await PackageWriter.CreateAsync(output, CancellationToken.None))
        {
            await writer.AddAsync("附件3_市级工信部门推荐报告.docx", Encoding.UTF8.GetBytes("annex 3"), null, null, "附件3", CancellationToken.None);
            await writer.AddAsync("01_清河县恒嘉羊绒制品有限公司/附件4_企业申请报告.docx", Encoding.UTF8.GetBytes("annex 4"), "清河县恒嘉羊绒制品有限公司", "91130534MA0CQH1106", "附件4", CancellationToken.None);
            await writer.AddAsync("01_清河县恒嘉羊绒制品有限公司/盖章扫描件_01_a.pdf", new MemoryStream(new byte[300_000]), "清河县恒嘉羊绒制品有限公司", "91130534MA0CQH1106", "申报材料盖章扫描件", CancellationToken.None);
            // The same name twice gets a suffix rather than a second entry that unzip tools would overwrite.
            await writer.AddAsync("01_清河县恒嘉羊绒制品有限公司/盖章扫描件_01_a.pdf", new MemoryStream([1, 2, 3]), "清河县恒嘉羊绒制品有限公司", "91130534MA0CQH1106", "申报材料盖章扫描件", CancellationToken.None);
            writer.AddProblem("某企业：未找到上传文件。");
            await writer.FinishAsync(new { unit = "邢台市" }, CancellationToken.None);
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task Manifest_HashesAndSizesMatchTheEntriesBytes_WrittenToANonSeekableStream()
    {
        using var zip = new ZipArchive(new MemoryStream(await WritePackageAsync()), ZipArchiveMode.Read);
        var manifest = JsonNode.Parse(await ReadAsync(zip, "manifest.json"))!.AsObject();
        var files = manifest["files"]!.AsArray();
        Assert.Equal(4, files.Count);
        foreach (var file in files)
        {
            var entry = zip.GetEntry(file!["file"]!.GetValue<string>())!;
            var bytes = await BytesAsync(entry);
            Assert.Equal(file["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(file["size"]!.GetValue<long>(), bytes.LongLength);
        }
        Assert.Contains(files, f => f!["file"]!.GetValue<string>() == "01_清河县恒嘉羊绒制品有限公司/盖章扫描件_01_a_2.pdf");
        Assert.Equal("某企业：未找到上传文件。", manifest["problems"]![0]!.GetValue<string>());
        Assert.Equal("邢台市", manifest["package"]!["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task ManifestCsv_HasUtf8BomAndOneRowPerFile()
    {
        using var zip = new ZipArchive(new MemoryStream(await WritePackageAsync()), ZipArchiveMode.Read);
        var bytes = await BytesAsync(zip.GetEntry("manifest.csv")!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("文件,企业名称,统一社会信用代码,附件,SHA-256,大小（字节）", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("01_清河县恒嘉羊绒制品有限公司/附件4_企业申请报告.docx,清河县恒嘉羊绒制品有限公司,91130534MA0CQH1106,附件4,", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("石家庄/某:公司?", "石家庄_某_公司_")]
    [InlineData("  ", "企业")]
    public void SafeName_RemovesPathAndReservedCharacters(string name, string expected) =>
        Assert.Equal(expected, PackageWriter.SafeName(name, "企业"));

    private static async Task<string> ReadAsync(ZipArchive zip, string name) => Encoding.UTF8.GetString(await BytesAsync(zip.GetEntry(name)!));

    private static async Task<byte[]> BytesAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

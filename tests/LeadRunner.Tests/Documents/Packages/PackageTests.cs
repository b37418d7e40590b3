using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Tests.Documents.Issued;

namespace LeadRunner.Tests.Documents.Packages;

/// <summary>A reporting unit's submission package, built in the background, with progress, manifests and scoping.</summary>
public class PackageTests(DocumentsFactory factory) : IClassFixture<DocumentsFactory>
{
    private static readonly byte[] SealedApplication = Encoding.ASCII.GetBytes("%PDF-1.7 sealed application of 华晶");
    private static readonly byte[] SealedCertificate = Encoding.ASCII.GetBytes("%PDF-1.7 sealed county certificate of 恒嘉");

    private async Task SeedAsync(int year)
    {
        var shaheId = await CaseSeeder.EnterpriseIdAsync(factory.Services, CaseSeeder.ShaheUscc);
        var xiongId = await CaseSeeder.EnterpriseIdAsync(factory.Services, CaseSeeder.XiongUscc);
        var application = factory.Uploads.Add("华晶盖章.pdf", SealedApplication, shaheId);
        var certificate = factory.Uploads.Add("县级证明.pdf", SealedCertificate, null);
        var someoneElses = factory.Uploads.Add("新宇.pdf", [1, 2, 3], xiongId);

        var shahe = CaseSeeder.Variables("沙河市华晶玻璃有限公司", 1, "pkg", sealedDocuments: CaseSeeder.FileField(application.Id, someoneElses.Id));
        shahe["application"]!["claimsMerger"] = false;
        shahe["application"]!["claimsSharedManufacturing"] = false;
        var qinghe = CaseSeeder.Variables("清河县恒嘉羊绒制品有限公司", 2, "pkg", certificate: CaseSeeder.FileField(certificate.Id));
        // Each test packs its own year, so cases seeded by other tests of the class stay out.
        shahe["year"] = year;
        qinghe["year"] = year;
        await CaseSeeder.AddCaseAsync(factory.Services, CaseSeeder.ShaheUscc, shahe);
        await CaseSeeder.AddCaseAsync(factory.Services, CaseSeeder.QingheUscc, qinghe);
    }

    private static async Task<JsonObject> WaitUntilFinishedAsync(HttpClient client, string unit)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await client.GetFromJsonAsync<JsonObject>($"/api/units/{unit}/package/status");
            if (status!["state"]!.GetValue<string>() is "done" or "failed")
            {
                return status;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("材料包 60 秒内未生成完成。");
    }

    [Fact]
    public async Task Package_ForTheUnitsCity_HoldsAFolderPerEnterpriseInRankOrder_WithManifestHashesOfTheEntries()
    {
        const int Year = 2032;
        await SeedAsync(Year);
        var client = await factory.ClientFor("city.130500");

        var start = await client.PostAsync($"/api/units/130500/package?year={Year}", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var status = await WaitUntilFinishedAsync(client, "130500");
        Assert.Equal("done", status["state"]!.GetValue<string>());
        Assert.Equal(2, status["done"]!.GetValue<int>());
        Assert.Equal(2, status["total"]!.GetValue<int>());

        var download = await client.GetAsync(status["downloadUrl"]!.GetValue<string>());
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("附件3_市级工信部门推荐报告.docx", names);
        Assert.Equal(
            ["盖章扫描件_01_盖章扫描件.pdf", "附件4_企业申请报告.docx", "附件5_佐证材料清单.docx", "附件8_县级工信部门有关情况证明.docx", "附件9_企业材料真实性声明.docx"],
            names.Where(n => n.StartsWith("01_沙河市华晶玻璃有限公司/", StringComparison.Ordinal)).Select(n => n.Split('/')[1]).Order(StringComparer.Ordinal));
        Assert.Contains("02_清河县恒嘉羊绒制品有限公司/附件6_企业并购（兼并）重组情况报告.docx", names);
        Assert.Contains("02_清河县恒嘉羊绒制品有限公司/附件7_企业“共享智造”情况报告.docx", names);
        Assert.Contains("02_清河县恒嘉羊绒制品有限公司/附件8_县级工信部门有关情况证明_盖章扫描件.pdf", names);

        Assert.Equal(SealedApplication, await BytesAsync(zip, "01_沙河市华晶玻璃有限公司/盖章扫描件_01_盖章扫描件.pdf"));
        Assert.Equal(SealedCertificate, await BytesAsync(zip, "02_清河县恒嘉羊绒制品有限公司/附件8_县级工信部门有关情况证明_盖章扫描件.pdf"));
        Assert.Contains("基本条件说明pkg", FilledDocumentsTests.DocxText(await BytesAsync(zip, "02_清河县恒嘉羊绒制品有限公司/附件4_企业申请报告.docx")), StringComparison.Ordinal);

        var manifest = JsonNode.Parse(await BytesAsync(zip, "manifest.json"))!;
        var files = manifest["files"]!.AsArray();
        Assert.Equal(names.Count - 2, files.Count);
        foreach (var file in files)
        {
            var bytes = await BytesAsync(zip, file!["file"]!.GetValue<string>());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file["sha256"]!.GetValue<string>());
            Assert.Equal(bytes.LongLength, file["size"]!.GetValue<long>());
        }
        Assert.Contains(files, f => f!["uscc"]?.GetValue<string>() == CaseSeeder.ShaheUscc && f["annex"]!.GetValue<string>() == "附件4");
        // Another enterprise's upload named in the form is not packed, and the manifest says so.
        Assert.Contains("沙河市华晶玻璃有限公司：未找到上传文件", manifest["problems"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], (await BytesAsync(zip, "manifest.csv"))[..3]);
    }

    [Fact]
    public async Task PackagedWordFiles_AreVerifiableByTheirCodes()
    {
        const int Year = 2033;
        await SeedAsync(Year);
        var client = await factory.ClientFor("province");
        await client.PostAsync($"/api/units/130500/package?year={Year}", null);
        var status = await WaitUntilFinishedAsync(client, "130500");
        using var zip = new ZipArchive(new MemoryStream(await client.GetByteArrayAsync(status["downloadUrl"]!.GetValue<string>())), ZipArchiveMode.Read);

        var bytes = await BytesAsync(zip, "附件3_市级工信部门推荐报告.docx");
        var text = FilledDocumentsTests.DocxText(bytes);
        var code = System.Text.RegularExpressions.Regex.Match(text, "/verify/([23456789A-Z]{10})").Groups[1].Value;
        var verified = await factory.AnonymousClient().GetFromJsonAsync<JsonObject>($"/api/verify/{code}");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), verified!["sha256"]!.GetValue<string>());
        Assert.Equal("邢台市", verified["subject"]!.GetValue<string>());
        Assert.Equal("省工信厅", verified["issuerRoleName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("county.130534")]
    [InlineData("ent.91130534MA0CQH1106")]
    [InlineData("city.133100")]
    public async Task Package_ForAnyoneButTheUnitsCityAndProvince_Is404(string user)
    {
        var client = await factory.ClientFor(user);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/units/130500/package", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/units/130500/package/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/units/130500/package/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/units/130500/package")).StatusCode);
    }

    [Fact]
    public async Task Package_Anonymous_IsRefused()
    {
        var response = await factory.AnonymousClient().PostAsync("/api/units/130500/package", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PackagePage_ListsTheRecommendedEnterprisesAndStartsABuild()
    {
        const int Year = 2034;
        await SeedAsync(Year);
        var client = await factory.ClientFor("city.130500");

        var html = await client.GetStringAsync($"/units/130500/package?year={Year}");

        Assert.Contains("沙河市华晶玻璃有限公司", html, StringComparison.Ordinal);
        Assert.Contains("data-status-url=\"/api/units/130500/package/status\"", html, StringComparison.Ordinal);
        Assert.Contains("生成", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffHome_LinksTheCityOfficerToItsUnitsPackage()
    {
        var client = await factory.ClientFor("city.130500");

        var html = await client.GetStringAsync("/staff");

        Assert.Contains("href=\"/units/130500/package\"", html, StringComparison.Ordinal);
    }

    private static async Task<byte[]> BytesAsync(ZipArchive zip, string name)
    {
        await using var stream = await zip.GetEntry(name)!.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

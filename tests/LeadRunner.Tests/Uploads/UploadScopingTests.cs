using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;
using LeadRunner.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Uploads;

/// <summary>Downloads are for the owner and for staff whose region covers the enterprise; everyone else gets 404.</summary>
public class UploadScopingTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string Qinghe = "ent.91130534MA0CQH1106";   // 清河县 → 邢台市 (130500)
    private const string Xiongxian = "ent.91130638MA0FB9N1XF"; // 雄县 → 雄安新区 (133100)

    private async Task<UploadFile.UploadedFileDto> UploadAsAsync(string user) =>
        await UploadSamples.UploadOkAsync(await factory.ClientFor(user), UploadSamples.Pdf($"{user} {Guid.NewGuid()}"), "审计报告.pdf");

    private async Task<HttpStatusCode> DownloadAsAsync(string user, string url) =>
        (await (await factory.ClientFor(user)).GetAsync(url)).StatusCode;

    [Theory]
    [InlineData(Qinghe, HttpStatusCode.OK)]             // the owner
    [InlineData("county.130534", HttpStatusCode.OK)]    // the enterprise's county
    [InlineData("city.130500", HttpStatusCode.OK)]      // its reporting unit
    [InlineData("province", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("county.130638", HttpStatusCode.NotFound)] // another county
    [InlineData("city.133100", HttpStatusCode.NotFound)]   // another unit
    [InlineData(Xiongxian, HttpStatusCode.NotFound)]       // another enterprise
    public async Task Download_EnterpriseUpload_OnlyOwnerAndStaffInScope(string user, HttpStatusCode expected)
    {
        var uploaded = await UploadAsAsync(Qinghe);
        Assert.Equal(expected, await DownloadAsAsync(user, uploaded.Url));
    }

    [Fact]
    public async Task Download_OutOfScope_LooksExactlyLikeAMissingFile()
    {
        var uploaded = await UploadAsAsync(Qinghe);
        var client = await factory.ClientFor("county.130638");
        var hidden = await client.GetAsync(uploaded.Url);
        var missing = await client.GetAsync($"/api/uploads/{Guid.NewGuid()}");
        Assert.Equal(missing.StatusCode, hidden.StatusCode);
        var hiddenJson = (await hidden.Content.ReadFromJsonAsync<JsonObject>())!;
        var missingJson = (await missing.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(missingJson["detail"]!.GetValue<string>(), hiddenJson["detail"]!.GetValue<string>());
        Assert.Equal(missingJson["title"]!.GetValue<string>(), hiddenJson["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Download_Anonymous_Returns401()
    {
        var uploaded = await UploadAsAsync(Qinghe);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync(uploaded.Url)).StatusCode);
    }

    [Fact]
    public async Task Download_StaffUpload_OtherCountyCannotReadUntilAssignedToAnEnterpriseInItsScope()
    {
        // The county bureau of 雄县 uploads its sealed annex 8 for 雄县's enterprise.
        var uploaded = await UploadAsAsync("county.130638");
        Assert.Equal(HttpStatusCode.OK, await DownloadAsAsync("county.130638", uploaded.Url));
        Assert.Equal(HttpStatusCode.NotFound, await DownloadAsAsync("city.133100", uploaded.Url));
        Assert.Equal(HttpStatusCode.OK, await DownloadAsAsync("province", uploaded.Url));

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunner.Data.LeadRunnerDb>();
            var xiongId = db.Enterprises.Single(e => e.Uscc == "91130638MA0FB9N1XF").Id;
            await scope.ServiceProvider.GetRequiredService<IUploadedFiles>().AssignEnterpriseAsync([uploaded.Id], xiongId, default);
        }
        Assert.Equal(HttpStatusCode.OK, await DownloadAsAsync("city.133100", uploaded.Url));
        Assert.Equal(HttpStatusCode.OK, await DownloadAsAsync(Xiongxian, uploaded.Url));
        Assert.Equal(HttpStatusCode.NotFound, await DownloadAsAsync("city.130500", uploaded.Url));
    }
}

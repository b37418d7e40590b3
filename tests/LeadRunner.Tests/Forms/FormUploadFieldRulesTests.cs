using System.Net;
using LeadRunner.Tests.TestHost;
using LeadRunner.Tests.Uploads;

namespace LeadRunner.Tests.Forms;

/// <summary>The uploads feature applies a form field's own file rules, read from the published form.</summary>
public class FormUploadFieldRulesTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string Enterprise = "ent.91130534MA0CQH1106";

    [Fact]
    public async Task Upload_ToAPdfOnlyField_RefusesAPicture()
    {
        var client = await factory.ClientFor(Enterprise);
        var response = await UploadSamples.PostAsync(client, UploadSamples.Png(), "盖章扫描件.png", "?form=application&field=sealedDocuments");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PDF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ToAFieldTakingPictures_AcceptsIt()
    {
        var client = await factory.ClientFor(Enterprise);
        var created = await UploadSamples.UploadOkAsync(client, UploadSamples.Png(), "证书.png", "?form=application&field=evidence");
        Assert.Equal("image/png", created.Type);
    }
}

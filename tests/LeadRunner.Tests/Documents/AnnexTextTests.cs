using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LeadRunner.Documents;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Documents;

/// <summary>What the screen shows is what Word shows: every paragraph, heading and cell of each document is in its .docx.</summary>
public class AnnexTextTests
{
    public static TheoryData<string> Keys => [.. DocumentSamples.Keys];

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Theory]
    [MemberData(nameof(Keys))]
    public void Docx_ContainsTheTextOfEveryBlockOfTheHtml(string key)
    {
        var html = DocumentSamples.Renderer().Render(key, DocumentSamples.Filled());
        var docxText = Squeeze(DocumentSamples.BodyText(new HtmlToDocx().Convert(html)));
        var blocks = new HtmlParser().ParseDocument(html).QuerySelectorAll("h1, h2, h3, p, td, th, li")
            .Select(e => Squeeze(e.TextContent)).Where(t => t.Length > 0).ToList();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, b => Assert.Contains(b, docxText, StringComparison.Ordinal));
    }

    [Fact]
    public void Annex1_FollowsTheSettings_InHtmlAndDocx()
    {
        var data = DocumentSamples.BlankData();
        data.Programme!["rdThreshold"] = 4.2m;
        data.Programme["minPartners"] = 5;
        data.Programme["publicityWorkingDays"] = 7;
        data.Programme["reReviewYears"] = 2;
        ((JsonObject)data.Programme["support"]!)["equipmentSubsidyCap"] = 8_000_000;
        ((JsonArray)data.Programme["specialCategories"]!).RemoveAt(5);
        var html = DocumentSamples.Renderer().Render("annex-01", data);
        var docx = DocumentSamples.BodyText(new HtmlToDocx().Convert(html));
        foreach (var text in new[] { html, docx })
        {
            Assert.Contains("研发投入占比原则上达到 4.2% 以上", text, StringComparison.Ordinal);
            Assert.DoesNotContain("3.5%", text, StringComparison.Ordinal);
            Assert.Contains("合作企业原则上不少于 5 家", text, StringComparison.Ordinal);
            Assert.Contains("向社会公示 7 个工作日", text, StringComparison.Ordinal);
            Assert.Contains("每二年组织复核一次", text, StringComparison.Ordinal);
            Assert.Contains("最高不超过 800万元", text, StringComparison.Ordinal);
            Assert.DoesNotContain("资本助力发展", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Annex1_With2024Settings_ReproducesTheSeedNumbers()
    {
        var html = DocumentSamples.Renderer().Render("annex-01", DocumentSamples.BlankData(), blank: true);
        Assert.Contains("研发投入占比原则上达到 3.5% 以上（钢铁、建材、轻工、纺织、食品、化工等传统行业可放宽到 3%）", html, StringComparison.Ordinal);
        Assert.Contains("年营业收入首次达到 50亿元、100亿元的制造业“领跑者”企业，分别一次性给予 100万元、200万元台阶激励", html, StringComparison.Ordinal);
        Assert.Contains("每季度结束后 15 日内", html, StringComparison.Ordinal);
        Assert.Contains("2024年9月12日（周四）", html, StringComparison.Ordinal);
        Assert.Contains("张阳", html, StringComparison.Ordinal);
        Assert.Contains("专精特新“小巨人”企业", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_ReproducesTheSeedNotice()
    {
        var html = DocumentSamples.Renderer().Render("notice", DocumentSamples.BlankData());
        Assert.Contains("请各市、雄安新区务于 2024年9月12日（周四）前", html, StringComparison.Ordinal);
        Assert.Contains("9.企业材料真实性声明模板", html, StringComparison.Ordinal);
        Assert.Contains("2024年8月28日", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IssuedDocument_ShowsVerificationCodeAndAbsentShowsNothing()
    {
        var renderer = DocumentSamples.Renderer();
        var without = renderer.Render("annex-09", DocumentSamples.Filled());
        Assert.DoesNotContain("验证码", without, StringComparison.Ordinal);
        var data = DocumentSamples.Filled() with
        {
            Document = new JsonObject { ["code"] = "LP2024-0001-AB12", ["issuedAt"] = "2024-09-03T10:00:00+08:00", ["verifyUrl"] = "http://localhost:5000/verify/LP2024-0001-AB12" },
        };
        var with = renderer.Render("annex-09", data);
        Assert.Contains("验证码：LP2024-0001-AB12", with, StringComparison.Ordinal);
        Assert.Contains("/verify/LP2024-0001-AB12", DocumentSamples.BodyText(new HtmlToDocx().Convert(with)), StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_IssuedDocumentWithQr_EmbedsThePictureAndStaysValid()
    {
        const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        var data = DocumentSamples.Filled() with
        {
            Document = new JsonObject { ["code"] = "LP2024-0001-AB12", ["qrDataUri"] = "data:image/png;base64," + OnePixelPng },
        };
        var docx = new HtmlToDocx().Convert(DocumentSamples.Renderer().RenderPage("certificate", data));
        Assert.Empty(DocumentSamples.ValidationErrors(docx));
        Assert.Equal(1, DocumentSamples.Read(docx, w => w.MainDocumentPart!.ImageParts.Count()));
        Assert.Single(DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Drawing>().ToList()));
    }
}

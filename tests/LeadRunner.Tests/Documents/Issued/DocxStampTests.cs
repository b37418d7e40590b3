using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using LeadRunner.Documents.Issued;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace LeadRunner.Tests.Documents.Issued;

public class DocxStampTests
{
    private static readonly VerificationStamp Stamp = VerificationStamp.For("AB3DEFGH4K", "https://leadrunner.example.cn/", DateTimeOffset.UnixEpoch);

    private static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p)))));
            body.Append(new SectionProperties(new PageSize { Width = 11906U, Height = 16838U }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    [Fact]
    public void Apply_EmbedsTheQrAsAPictureAndTheCodeAsText_AndStaysValid()
    {
        var stamped = DocxStamp.Apply(Docx("企业申请报告"), Stamp);

        using var word = WordprocessingDocument.Open(new MemoryStream(stamped), false);
        var main = word.MainDocumentPart!;
        var image = Assert.Single(main.ImageParts);
        Assert.Equal("image/png", image.ContentType);
        using (var png = image.GetStream())
        using (var copy = new MemoryStream())
        {
            png.CopyTo(copy);
            Assert.Equal(Stamp.QrPng, copy.ToArray());
        }
        var inline = Assert.Single(main.Document!.Descendants<DW.Inline>());
        Assert.Equal(main.GetIdOfPart(image), inline.Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value);
        var text = main.Document.Body!.InnerText;
        Assert.Contains("文件核验码：AB3DEFGH4K", text, StringComparison.Ordinal);
        Assert.Contains("https://leadrunner.example.cn/verify/AB3DEFGH4K", text, StringComparison.Ordinal);
        Assert.IsType<SectionProperties>(main.Document.Body.LastChild);
        Assert.Empty(new OpenXmlValidator().Validate(word));
    }

    [Fact]
    public void Apply_WhenTheDocumentAlreadyPrintsTheCode_PutsOnlyThePictureAboveIt()
    {
        var stamped = DocxStamp.Apply(Docx("正文", "验证码：AB3DEFGH4K"), Stamp);

        using var word = WordprocessingDocument.Open(new MemoryStream(stamped), false);
        var paragraphs = word.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
        Assert.Equal(3, paragraphs.Count);
        Assert.NotEmpty(paragraphs[1].Descendants<Drawing>());
        Assert.Equal("验证码：AB3DEFGH4K", paragraphs[2].InnerText);
        Assert.Empty(new OpenXmlValidator().Validate(word));
    }

    [Fact]
    public void Apply_WhenTheQrIsAlreadyEmbedded_ReturnsTheBytesUnchanged()
    {
        var once = DocxStamp.Apply(Docx("正文"), Stamp);

        Assert.Same(once, DocxStamp.Apply(once, Stamp));
        Assert.True(DocxStamp.HasPicture(once, Stamp.QrPng));
    }

    [Fact]
    public void Stamp_PointsAtTheVerifyAddressWithAPngQr()
    {
        Assert.Equal("https://leadrunner.example.cn/verify/AB3DEFGH4K", Stamp.Url);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Stamp.QrPng[..4]);
        Assert.StartsWith("data:image/png;base64,", Stamp.ToDocumentNode()["qrDataUri"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

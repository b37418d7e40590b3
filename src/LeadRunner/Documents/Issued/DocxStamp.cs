using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// Makes sure a .docx carries its verification QR as a real embedded picture (an ImagePart shown by an inline
/// Drawing), so it survives editing, printing and scanning. The converter normally embeds it from the rendered mark;
/// when it did not, the picture (and the code and address as text, if absent) is added here.
/// </summary>
public static class DocxStamp
{
    // 2.5 cm square: large enough to scan from paper; 1 cm = 360000 EMU.
    private const long QrSizeEmu = 900_000;

    public static byte[] Apply(byte[] docx, VerificationStamp stamp)
    {
        if (HasPicture(docx, stamp.QrPng))
        {
            return docx;
        }
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var document = WordprocessingDocument.Open(stream, isEditable: true))
        {
            var main = document.MainDocumentPart ?? throw new InvalidOperationException("Word 文件缺少正文部分。");
            var body = main.Document?.Body ?? throw new InvalidOperationException("Word 文件缺少正文。");
            var image = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(stamp.QrPng))
            {
                image.FeedData(png);
            }
            var pictureId = (uint)(body.Descendants<DW.DocProperties>().Select(p => (long)(p.Id?.Value ?? 0)).DefaultIfEmpty(0).Max() + 1);

            var picture = new Paragraph(new Run(Picture(main.GetIdOfPart(image), pictureId, stamp.Code)));
            // The rendered document may already print the code (the renderer's mark): the QR goes just above it.
            if (body.Descendants<Paragraph>().FirstOrDefault(p => p.InnerText.Contains(stamp.Code, StringComparison.Ordinal)) is { } marked)
            {
                marked.InsertBeforeSelf(picture);
            }
            else
            {
                OpenXmlElement[] blocks =
                [
                    picture,
                    TextParagraph($"文件核验码：{stamp.Code}", bold: true),
                    TextParagraph($"核验网址：{stamp.Url}"),
                    TextParagraph(VerificationStamp.Instructions),
                ];
                // The section properties must stay the body's last child.
                if (body.LastChild is SectionProperties section)
                {
                    foreach (var block in blocks)
                    {
                        section.InsertBeforeSelf(block);
                    }
                }
                else
                {
                    body.Append(blocks);
                }
            }
            main.Document!.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Whether the document already embeds exactly this PNG.</summary>
    public static bool HasPicture(byte[] docx, byte[] png)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        foreach (var image in document.MainDocumentPart?.ImageParts ?? [])
        {
            using var part = image.GetStream();
            using var copy = new MemoryStream();
            part.CopyTo(copy);
            if (copy.Length == png.Length && copy.ToArray().AsSpan().SequenceEqual(png))
            {
                return true;
            }
        }
        return false;
    }

    private static Paragraph TextParagraph(string text, bool bold = false)
    {
        var properties = new RunProperties(new FontSize { Val = "21" });
        if (bold)
        {
            properties.PrependChild(new Bold());
        }
        return new Paragraph(new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Drawing Picture(string relationshipId, uint id, string code) =>
        new(new DW.Inline(
            new DW.Extent { Cx = QrSizeEmu, Cy = QrSizeEmu },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = $"核验二维码 {code}", Description = "文件核验二维码" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"verify-{code}.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = QrSizeEmu, Cy = QrSizeEmu }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        });
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace LeadRunner.Documents;

/// <summary>
/// PNG images given inline as data URIs (the verification QR of an issued document) as inline Word pictures.
/// Only data URIs: a document never fetches anything while it is converted.
/// </summary>
internal sealed class DocxImages(MainDocumentPart main)
{
    private const string PngPrefix = "data:image/png;base64,";
    private const long EmuPerMillimetre = 36_000;
    private uint _next = 1;

    /// <summary>A run holding the picture, or null when the source is not a PNG data URI.</summary>
    public Run? Picture(string? source, bool small)
    {
        if (source is null || !source.StartsWith(PngPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(source[PngPrefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length < 24)
        {
            return null;
        }
        var part = main.AddImagePart(ImagePartType.Png);
        using (var stream = new MemoryStream(bytes))
        {
            part.FeedData(stream);
        }
        // A QR is printed 25 mm square; other pictures keep their proportions at most the text width.
        var (width, height) = small ? (25 * EmuPerMillimetre, 25 * EmuPerMillimetre) : Size(bytes);
        var id = _next++;
        var name = $"图片{id}";
        var graphic = new A.Graphic(new A.GraphicData(
            new PIC.Picture(
                new PIC.NonVisualPictureProperties(
                    new PIC.NonVisualDrawingProperties { Id = 0U, Name = name },
                    new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = width, Cy = height }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" });
        var inline = new DW.Inline(
            new DW.Extent { Cx = width, Cy = height },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            graphic)
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new Run(new Drawing(inline));
    }

    /// <summary>The PNG's pixel size (IHDR) at 96 dpi, scaled down to the text width.</summary>
    private static (long Width, long Height) Size(byte[] png)
    {
        long pixelsWide = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        long pixelsHigh = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        const long emuPerPixel = 9_525;
        long maxWidth = DocxLayout.TextWidth * 635L; // twips to EMU
        var width = Math.Max(1, pixelsWide) * emuPerPixel;
        var height = Math.Max(1, pixelsHigh) * emuPerPixel;
        return width <= maxWidth ? (width, height) : (maxWidth, height * maxWidth / width);
    }
}

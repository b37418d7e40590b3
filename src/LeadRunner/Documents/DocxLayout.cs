using DocumentFormat.OpenXml.Wordprocessing;

namespace LeadRunner.Documents;

/// <summary>
/// The page of an official document: A4 with the GB/T 9704 margins and "— 1 —" page numbers in the footer, on the
/// outer side as the standard puts them (odd pages right, even pages left, each one character in from the edge).
/// </summary>
internal static class DocxLayout
{
    // Twentieths of a point: A4 is 210 × 297 mm; GB/T 9704 puts the text 37 mm from the top, 28 mm from the left,
    // 156 × 225 mm in size, which leaves 26 mm on the right and 35 mm at the bottom.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTop = 2098;
    public const int MarginBottom = 1984;
    public const int MarginLeft = 1588;
    public const int MarginRight = 1474;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    // One 四号 (14 pt) character, the standard's distance of the number from the edge of the text block.
    private const string OneCharacter = "280";

    /// <summary>The A4 section; a certificate (<paramref name="framed"/>) gets a double gold border round the page.</summary>
    public static SectionProperties A4Section(string oddFooterId, string evenFooterId, bool framed = false)
    {
        var section = new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooterId },
            new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin
            {
                Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight,
                Header = 851, Footer = 992, Gutter = 0,
            });
        if (framed)
        {
            // The schema orders pgBorders after pgMar and before pgNumType.
            section.Append(new PageBorders(
                new TopBorder { Val = BorderValues.Double, Size = 24, Space = 24, Color = "A67C00" },
                new LeftBorder { Val = BorderValues.Double, Size = 24, Space = 24, Color = "A67C00" },
                new BottomBorder { Val = BorderValues.Double, Size = 24, Space = 24, Color = "A67C00" },
                new RightBorder { Val = BorderValues.Double, Size = 24, Space = 24, Color = "A67C00" })
            { OffsetFrom = PageBorderOffsetValues.Page });
        }
        section.Append(new PageNumberType { Start = 1 }, new DocGrid { Type = DocGridValues.Lines, LinePitch = 579 });
        return section;
    }

    /// <summary>Tells Word to use the even-page footer (document settings).</summary>
    public static Settings Settings() => new(new EvenAndOddHeaders());

    /// <summary>The page number footer: an em dash, the PAGE field, an em dash, in 宋体 四号, on the page's outer side.</summary>
    public static Footer PageNumberFooter(bool oddPages)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
            oddPages
                ? new Indentation { Right = OneCharacter, FirstLine = "0", FirstLineChars = 0 }
                : new Indentation { Left = OneCharacter, FirstLine = "0", FirstLineChars = 0 },
            new Justification { Val = oddPages ? JustificationValues.Right : JustificationValues.Left }));
        paragraph.Append(
            FooterRun(new Text("— ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
            FooterRun(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            FooterRun(new FieldCode(" PAGE ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
            FooterRun(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            FooterRun(new Text("1")),
            FooterRun(new FieldChar { FieldCharType = FieldCharValues.End }),
            FooterRun(new Text(" —") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
        return new Footer(paragraph);
    }

    private static Run FooterRun(DocumentFormat.OpenXml.OpenXmlElement content) => new(
        new RunProperties(DocxStyles.Fonts(DocxStyles.SongTi), new FontSize { Val = DocxStyles.SizeFooter }, new FontSizeComplexScript { Val = DocxStyles.SizeFooter }),
        content);
}

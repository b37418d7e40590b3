using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LeadRunner.Documents;

/// <summary>
/// The Word styles of an official document (GB/T 9704): body 仿宋_GB2312 三号 on a 28-point line, title 小标宋 二号,
/// headings 黑体 / 楷体 三号, tables 宋体 小四. Styles rather than direct formatting, so an officer editing the file
/// in Word keeps the look.
/// </summary>
internal static class DocxStyles
{
    public const string Title = "DocTitle";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string TableText = "TableText";

    // Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
    public const string SizeTitle = "44";
    public const string SizeBody = "32";
    public const string SizeFooter = "28";
    public const string SizeTable = "24";

    public const string FangSong = "仿宋_GB2312";
    public const string HeiTi = "黑体";
    public const string KaiTi = "楷体_GB2312";
    public const string SongTi = "宋体";
    public const string XiaoBiaoSong = "方正小标宋简体";

    // 28 pt exact line pitch, the standard 22 lines of an A4 official-document page.
    private const string LinePitch = "560";
    private const string TwoCharacters = "640";

    public static void AddTo(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Fonts(FangSong),
                    new FontSize { Val = SizeBody },
                    new FontSizeComplexScript { Val = SizeBody },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch, LineRule = LineSpacingRuleValues.Exact }))),
            Paragraph("Normal", "Normal", null, isDefault: true,
                new StyleParagraphProperties(
                    new Indentation { FirstLine = TwoCharacters, FirstLineChars = 200 },
                    new Justification { Val = JustificationValues.Both }),
                null),
            Paragraph(Title, "公文标题", "Normal", isDefault: false,
                new StyleParagraphProperties(
                    new KeepNext(),
                    new SpacingBetweenLines { Before = "0", After = "560", Line = "700", LineRule = LineSpacingRuleValues.Exact },
                    new Indentation { FirstLine = "0", FirstLineChars = 0 },
                    new Justification { Val = JustificationValues.Center },
                    new OutlineLevel { Val = 0 }),
                new StyleRunProperties(Fonts(XiaoBiaoSong), new FontSize { Val = SizeTitle }, new FontSizeComplexScript { Val = SizeTitle })),
            Paragraph(Heading1, "heading 1", "Normal", isDefault: false,
                new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = 1 }),
                new StyleRunProperties(Fonts(HeiTi))),
            Paragraph(Heading2, "heading 2", "Normal", isDefault: false,
                new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = 2 }),
                new StyleRunProperties(Fonts(KaiTi))),
            Paragraph(Heading3, "heading 3", "Normal", isDefault: false,
                new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = 3 }),
                new StyleRunProperties(new Bold())),
            Paragraph(TableText, "表格文字", "Normal", isDefault: false,
                new StyleParagraphProperties(
                    new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto },
                    new Indentation { FirstLine = "0", FirstLineChars = 0 },
                    new Justification { Val = JustificationValues.Left }),
                new StyleRunProperties(Fonts(SongTi), new FontSize { Val = SizeTable }, new FontSizeComplexScript { Val = SizeTable })));
    }

    /// <summary>Fonts for a run: the Chinese face for East Asian text, Times New Roman for Latin letters and digits.</summary>
    public static RunFonts Fonts(string eastAsia) =>
        new() { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia };

    private static Style Paragraph(string id, string name, string? basedOn, bool isDefault, StyleParagraphProperties paragraph, StyleRunProperties? run)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
            style.Append(new NextParagraphStyle { Val = "Normal" });
        }
        style.Append(new PrimaryStyle());
        style.Append(paragraph);
        if (run is not null)
        {
            style.Append(run);
        }
        return style;
    }
}

using DocumentFormat.OpenXml.Wordprocessing;
using LeadRunner.Documents;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Documents;

/// <summary>The HTML subset to Word: merged cells, lists, page numbers, page breaks, A4 page and Chinese fonts.</summary>
public class HtmlToDocxTests
{
    private const string MergedTable = """
        <table>
          <thead><tr><th rowspan="2">序号</th><th colspan="2">指标</th></tr><tr><th>收入</th><th>利润</th></tr></thead>
          <tbody>
            <tr><td rowspan="3">1</td><td>100</td><td>10</td></tr>
            <tr><td colspan="2">合并两列</td></tr>
            <tr><td>300</td><td>30</td></tr>
          </tbody>
        </table>
        """;

    [Fact]
    public void Convert_TableWithColspanAndRowspan_WritesGridSpanAndVerticalMerge()
    {
        var docx = new HtmlToDocx().Convert(MergedTable);
        Assert.Empty(DocumentSamples.ValidationErrors(docx));
        var rows = DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Descendants<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => (
                Span: c.TableCellProperties?.GridSpan?.Val?.Value ?? 1,
                Merge: c.TableCellProperties?.VerticalMerge is { } m ? (m.Val?.Value == MergedCellValues.Restart ? "restart" : "continue") : "",
                Text: c.InnerText)).ToList()).ToList());
        Assert.Equal(5, rows.Count);
        Assert.Equal([(1, "restart", "序号"), (2, "", "指标")], rows[0]);
        Assert.Equal([(1, "continue", ""), (1, "", "收入"), (1, "", "利润")], rows[1]);
        Assert.Equal((1, "restart", "1"), rows[2][0]);
        Assert.Equal([(1, "continue", ""), (2, "", "合并两列")], rows[3]);
        Assert.Equal((1, "continue", ""), rows[4][0]);
        Assert.Equal(3, DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Descendants<GridColumn>().Count()));
    }

    [Fact]
    public void Convert_Footer_HasPageFieldBetweenDashes_OnTheOuterSideOfOddAndEvenPages()
    {
        var docx = new HtmlToDocx().Convert("<p>正文</p>");
        Assert.Empty(DocumentSamples.ValidationErrors(docx));
        var footers = DocumentSamples.Read(docx, w =>
        {
            var main = w.MainDocumentPart!;
            var section = main.Document!.Body!.Elements<SectionProperties>().Single();
            Footer Of(HeaderFooterValues type) =>
                ((DocumentFormat.OpenXml.Packaging.FooterPart)main.GetPartById(section.Elements<FooterReference>().Single(r => r.Type! == type).Id!)).Footer!;
            return (Odd: (Footer)Of(HeaderFooterValues.Default).CloneNode(true), Even: (Footer)Of(HeaderFooterValues.Even).CloneNode(true),
                EvenAndOdd: main.DocumentSettingsPart?.Settings?.GetFirstChild<EvenAndOddHeaders>() is not null);
        });
        Assert.True(footers.EvenAndOdd, "settings.xml 应开启奇偶页不同的页脚");
        foreach (var footer in new[] { footers.Odd, footers.Even })
        {
            Assert.Contains(footer.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
            Assert.Equal("— 1 —", string.Concat(footer.Descendants<Text>().Select(t => t.Text)));
        }
        // GB/T 9704: odd page numbers on the right, even ones on the left, one character in.
        var odd = footers.Odd.Descendants<ParagraphProperties>().Single();
        Assert.Equal(JustificationValues.Right, odd.Justification!.Val!.Value);
        Assert.Equal("280", odd.Indentation!.Right!.Value);
        var even = footers.Even.Descendants<ParagraphProperties>().Single();
        Assert.Equal(JustificationValues.Left, even.Justification!.Val!.Value);
        Assert.Equal("280", even.Indentation!.Left!.Value);

        var section = DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single().CloneNode(true));
        Assert.Equal(11906u, section.GetFirstChild<PageSize>()!.Width!.Value);
        Assert.Equal(2098, section.GetFirstChild<PageMargin>()!.Top!.Value);
        Assert.Equal(1588u, section.GetFirstChild<PageMargin>()!.Left!.Value);
    }

    [Fact]
    public void Convert_OrderedLists_EachRestartNumberingAndBreaksBecomePageBreaks()
    {
        var docx = new HtmlToDocx().Convert("<ol><li>甲</li><li>乙</li></ol><div class=\"page-break\"></div><ol class=\"paren-cn\"><li>丙</li></ol>");
        Assert.Empty(DocumentSamples.ValidationErrors(docx));
        var numbered = DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>()
            .Where(p => p.ParagraphProperties?.NumberingProperties is not null)
            .Select(p => (p.InnerText, p.ParagraphProperties!.NumberingProperties!.NumberingId!.Val!.Value)).ToList());
        Assert.Equal([("甲", 1), ("乙", 1), ("丙", 2)], numbered);
        Assert.Single(DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Descendants<Break>().Where(b => b.Type?.Value == BreakValues.Page).ToList()));
        var formats = DocumentSamples.Read(docx, w => w.MainDocumentPart!.NumberingDefinitionsPart!.Numbering!.Elements<AbstractNum>()
            .Select(a => a.GetFirstChild<Level>()!.GetFirstChild<LevelText>()!.Val!.Value).ToList());
        Assert.Contains("%1.", formats);
        Assert.Contains("（%1）", formats);
    }

    [Fact]
    public void Convert_Styles_SetChineseFontsForEastAsianText()
    {
        var docx = new HtmlToDocx().Convert("<h1>标题</h1><h2>一、标题</h2><p>正文</p><table><tr><td>表格</td></tr></table>");
        var styles = DocumentSamples.Read(docx, w => w.MainDocumentPart!.StyleDefinitionsPart!.Styles!.CloneNode(true));
        Assert.Equal("仿宋_GB2312", styles.Descendants<DocDefaults>().Single().Descendants<RunFonts>().Single().EastAsia!.Value);
        string EastAsia(string id) => styles.Elements<Style>().Single(s => s.StyleId == id).Descendants<RunFonts>().Single().EastAsia!.Value!;
        Assert.Equal("方正小标宋简体", EastAsia(DocxStyles.Title));
        Assert.Equal("黑体", EastAsia(DocxStyles.Heading1));
        Assert.Equal("宋体", EastAsia(DocxStyles.TableText));
        var paragraphStyles = DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>()
            .Select(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value).ToList());
        Assert.Equal([DocxStyles.Title, DocxStyles.Heading1, null, DocxStyles.TableText], paragraphStyles.Take(4));
    }

    [Fact]
    public void Convert_SignatureAndBlankLines_AreRightAlignedAndUnderlined()
    {
        var docx = new HtmlToDocx().Convert("<p>签字：<span class=\"blank\">　　　　</span></p><div class=\"signature\"><p>河北省工业和信息化厅</p><p>2024年8月28日</p></div>");
        Assert.Empty(DocumentSamples.ValidationErrors(docx));
        var paragraphs = DocumentSamples.Read(docx, w => w.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.CloneNode(true)).Cast<Paragraph>().ToList());
        Assert.Contains(paragraphs[0].Descendants<Run>(), r => r.RunProperties?.Underline is not null && r.InnerText.Trim('\u3000').Length == 0);
        Assert.All(paragraphs.Skip(1).Take(2), p => Assert.Equal(JustificationValues.Right, p.ParagraphProperties!.Justification!.Val!.Value));
    }

    [Fact]
    public async Task Convert_ConcurrentCallsOnOneConverter_AllProduceTheSameValidDocument()
    {
        var converter = new HtmlToDocx();
        var html = DocumentSamples.Renderer().RenderPage("annex-04", DocumentSamples.Filled());
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => converter.Convert(html))));
        var expected = DocumentSamples.BodyText(results[0]);
        Assert.All(results, docx => Assert.Equal(expected, DocumentSamples.BodyText(docx)));
        Assert.Empty(DocumentSamples.ValidationErrors(results[^1]));
    }
}

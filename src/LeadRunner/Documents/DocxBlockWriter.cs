using AngleSharp.Dom;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LeadRunner.Documents;

/// <summary>
/// Writes the block elements of the HTML subset as Word paragraphs and tables; runs of inline content between
/// blocks become one paragraph each. Unknown containers are walked through, unknown leaves are skipped.
/// </summary>
internal sealed class DocxBlockWriter(OpenXmlCompositeElement body, DocxNumbering numbering, DocxImages images)
{
    /// <summary>How paragraphs written in a container look: its style, alignment, indentation and emphasis.</summary>
    internal sealed record Block(string? Style, JustificationValues? Align, bool NoIndent, bool Bold, string? Font, bool Signature)
    {
        public static readonly Block Body = new(null, null, false, false, null, false);
    }

    public DocxNumbering Numbering => numbering;

    public void WriteBlocks(INodeList nodes) => WriteBlocks(nodes, Block.Body, body);

    /// <summary>A body that ends with a table gets a last paragraph, as Word itself requires before the section.</summary>
    public void Finish()
    {
        if (body.LastChild is Table or null)
        {
            body.Append(new Paragraph());
        }
    }

    public void WriteBlocks(IEnumerable<INode> nodes, Block block, OpenXmlCompositeElement into)
    {
        List<INode> inline = [];
        foreach (var node in nodes)
        {
            if (node is IElement element && IsBlock(element))
            {
                Flush(inline, block, into);
                WriteBlock(element, block, into);
            }
            else
            {
                inline.Add(node);
            }
        }
        Flush(inline, block, into);
    }

    private static readonly HashSet<string> BlockTags =
    [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ol", "ul", "li", "hr", "section", "article", "header",
        "footer", "main", "blockquote", "thead", "tbody", "tr", "figure", "style", "script", "title", "head", "meta", "link",
    ];

    private static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName);

    private void Flush(List<INode> inline, Block block, OpenXmlCompositeElement into)
    {
        if (inline.Any(n => n is IElement || !string.IsNullOrWhiteSpace(n.TextContent)))
        {
            into.Append(Paragraph(inline, block));
        }
        inline.Clear();
    }

    private void WriteBlock(IElement element, Block block, OpenXmlCompositeElement into)
    {
        var local = WithClasses(block, element);
        switch (element.LocalName)
        {
            case "style" or "script" or "title" or "head" or "meta" or "link":
                return;
            case "h1":
                into.Append(Paragraph(element.ChildNodes, local with { Style = DocxStyles.Title }));
                return;
            case "h2" or "h3" or "h4" or "h5" or "h6":
                var style = element.LocalName switch { "h2" => DocxStyles.Heading1, "h3" => DocxStyles.Heading2, _ => DocxStyles.Heading3 };
                into.Append(Paragraph(element.ChildNodes, local with { Style = style }));
                return;
            case "p":
                into.Append(Paragraph(element.ChildNodes, local));
                return;
            case "hr":
                into.Append(PageBreak());
                return;
            case "div" when element.ClassList.Contains("page-break"):
                into.Append(PageBreak());
                return;
            case "table":
                DocxTables.Write(element, into, this, block);
                return;
            case "ol" or "ul":
                WriteList(element, local, into);
                return;
            default:
                WriteBlocks(element.ChildNodes, local, into);
                return;
        }
    }

    private void WriteList(IElement list, Block block, OpenXmlCompositeElement into)
    {
        var start = int.TryParse(list.GetAttribute("start"), out var s) ? s : 1;
        var id = numbering.Start(DocxNumbering.KindOf(list.LocalName, list.ClassList), start);
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            var before = into.ChildElements.Count;
            WriteBlocks(item.ChildNodes, WithClasses(block, item), into);
            // The item's number goes on its first paragraph; further paragraphs of the item continue its text.
            if (into.ChildElements.Skip(before).OfType<Paragraph>().FirstOrDefault() is { } first)
            {
                var props = first.ParagraphProperties ??= new ParagraphProperties();
                props.NumberingProperties = new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = id });
            }
        }
    }

    /// <summary>The classes of the subset that change how a block and what it contains look.</summary>
    internal static Block WithClasses(Block block, IElement element)
    {
        var classes = element.ClassList;
        if (classes.Length == 0 && element.LocalName is not ("th" or "td"))
        {
            return block;
        }
        var result = block;
        if (classes.Contains("signature"))
        {
            result = result with { Signature = true, NoIndent = true, Align = JustificationValues.Right };
        }
        if (classes.Contains("right"))
        {
            result = result with { Align = JustificationValues.Right, NoIndent = true };
        }
        if (classes.Contains("center"))
        {
            result = result with { Align = JustificationValues.Center, NoIndent = true };
        }
        if (classes.Contains("left"))
        {
            result = result with { Align = JustificationValues.Left };
        }
        if (classes.Contains("noindent") || classes.Contains("addressee"))
        {
            result = result with { NoIndent = true };
        }
        if (classes.Contains("annex-label"))
        {
            result = result with { NoIndent = true, Font = DocxStyles.HeiTi, Align = JustificationValues.Left };
        }
        if (classes.Contains("hei"))
        {
            result = result with { Font = DocxStyles.HeiTi };
        }
        if (classes.Contains("kai"))
        {
            result = result with { Font = DocxStyles.KaiTi };
        }
        return result;
    }

    internal Paragraph Paragraph(IEnumerable<INode> content, Block block)
    {
        var props = new ParagraphProperties();
        if (block.Style is { } style)
        {
            props.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }
        if (block.Signature)
        {
            // 落款 and 日期 end four characters from the right margin.
            props.Indentation = new Indentation { FirstLine = "0", FirstLineChars = 0, Right = "1280", RightChars = 400 };
        }
        else if (block.NoIndent)
        {
            props.Indentation = new Indentation { FirstLine = "0", FirstLineChars = 0 };
        }
        if (block.Align is { } align)
        {
            props.Justification = new Justification { Val = align };
        }
        var paragraph = new Paragraph(props);
        var format = new DocxInlineWriter.Format(block.Bold, false, false, block.Font);
        new DocxInlineWriter(paragraph, images).Write(content, format);
        return paragraph;
    }

    private static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));
}

using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LeadRunner.Documents;

/// <summary>
/// Writes inline HTML (text, strong, em, u, br, span.blank, span.missing, PNG data-URI img) as Word runs of one paragraph. White space
/// collapses as a browser collapses it, so the Word text equals what the screen shows.
/// </summary>
internal sealed partial class DocxInlineWriter(Paragraph paragraph, DocxImages images)
{
    internal sealed record Format(bool Bold, bool Italic, bool Underline, string? Font);

    // Only ASCII white space collapses: the ideographic space (U+3000) of blank lines must stay.
    [GeneratedRegex("[ \t\r\n\f]+")]
    private static partial Regex AsciiWhiteSpace();

    private bool _pendingSpace;
    private bool _atStart = true;

    public void Write(IEnumerable<INode> nodes, Format format)
    {
        foreach (var node in nodes)
        {
            WriteNode(node, format);
        }
    }

    private void WriteNode(INode node, Format format)
    {
        switch (node)
        {
            case IText text:
                WriteText(text.Data, format);
                break;
            case IElement element:
                WriteElement(element, format);
                break;
        }
    }

    private void WriteElement(IElement element, Format format)
    {
        switch (element.LocalName)
        {
            case "br":
                paragraph.Append(new Run(Properties(format), new Break()));
                _pendingSpace = false;
                _atStart = true;
                return;
            case "strong" or "b":
                Write(element.ChildNodes, format with { Bold = true });
                return;
            case "em" or "i":
                Write(element.ChildNodes, format with { Italic = true });
                return;
            case "u":
                Write(element.ChildNodes, format with { Underline = true });
                return;
            case "img":
                if (images.Picture(element.GetAttribute("src"), element.ClassList.Contains("qr")) is { } picture)
                {
                    FlushSpace(format);
                    paragraph.Append(picture);
                    _atStart = false;
                }
                return;
            case "script" or "style":
                return;
            case "span" when element.ClassList.Contains("blank"):
                // A blank to fill by hand: underlined ideographic spaces, kept as they are.
                var width = Math.Max(4, element.TextContent.Length);
                FlushSpace(format);
                paragraph.Append(new Run(Properties(format with { Underline = true }),
                    new Text(new string('\u3000', width)) { Space = SpaceProcessingModeValues.Preserve }));
                _atStart = false;
                return;
            default:
                var inner = format;
                if (element.ClassList.Contains("hei"))
                {
                    inner = inner with { Font = DocxStyles.HeiTi };
                }
                else if (element.ClassList.Contains("kai"))
                {
                    inner = inner with { Font = DocxStyles.KaiTi };
                }
                Write(element.ChildNodes, inner);
                return;
        }
    }

    private void WriteText(string data, Format format)
    {
        var collapsed = AsciiWhiteSpace().Replace(data, " ");
        if (collapsed.Length == 0)
        {
            return;
        }
        var builder = new StringBuilder();
        if (collapsed[0] == ' ')
        {
            _pendingSpace = !_atStart;
            collapsed = collapsed[1..];
        }
        if (collapsed.Length == 0)
        {
            return;
        }
        var trailing = collapsed[^1] == ' ';
        if (trailing)
        {
            collapsed = collapsed[..^1];
        }
        if (_pendingSpace)
        {
            builder.Append(' ');
        }
        builder.Append(collapsed);
        paragraph.Append(new Run(Properties(format), new Text(builder.ToString()) { Space = SpaceProcessingModeValues.Preserve }));
        _pendingSpace = trailing;
        _atStart = false;
    }

    private void FlushSpace(Format format)
    {
        if (_pendingSpace)
        {
            paragraph.Append(new Run(Properties(format), new Text(" ") { Space = SpaceProcessingModeValues.Preserve }));
            _pendingSpace = false;
        }
    }

    private static RunProperties Properties(Format format)
    {
        var props = new RunProperties();
        if (format.Font is { } font)
        {
            props.RunFonts = DocxStyles.Fonts(font);
        }
        if (format.Bold)
        {
            props.Bold = new Bold();
        }
        if (format.Italic)
        {
            props.Italic = new Italic();
        }
        if (format.Underline)
        {
            props.Underline = new Underline { Val = UnderlineValues.Single };
        }
        return props;
    }
}

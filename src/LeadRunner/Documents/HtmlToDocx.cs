using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LeadRunner.Documents;

/// <summary>
/// Turns the documented HTML subset of the templates (docs/templates.md) into an editable Word file: an A4 section
/// with the margins of GB/T 9704 official documents, Chinese fonts for East Asian text, headings, tables with
/// merged cells, numbered lists, page breaks and "— 1 —" page numbers in the footer.
/// </summary>
public sealed class HtmlToDocx
{
    // A parser per conversion: this converter is a singleton used by concurrent requests, and a parser keeps state.
    private readonly HtmlParserOptions _options = new() { SkipComments = true, SkipScriptText = true };

    /// <summary>Converts a rendered document (a whole page or a fragment) to .docx bytes.</summary>
    public byte[] Convert(string html, string? title = null)
    {
        using var stream = new MemoryStream();
        Convert(html, stream, title);
        return stream.ToArray();
    }

    /// <summary>Writes the .docx to <paramref name="output"/>, which stays open.</summary>
    public void Convert(string html, Stream output, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var source = new HtmlParser(_options).ParseDocument(html ?? "");
        // Only the document itself becomes Word: on a whole page that is the .doc element, not the screen chrome.
        var root = source.QuerySelector(".doc") ?? (IElement?)source.Body ?? source.DocumentElement;

        // The package is built in memory first: OpenXml needs a seekable stream, and a response body is not one.
        using var buffer = new MemoryStream();
        using (var word = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            DocxStyles.AddTo(main);
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            main.AddNewPart<DocumentSettingsPart>().Settings = DocxLayout.Settings();
            var oddFooter = main.AddNewPart<FooterPart>();
            oddFooter.Footer = DocxLayout.PageNumberFooter(oddPages: true);
            var evenFooter = main.AddNewPart<FooterPart>();
            evenFooter.Footer = DocxLayout.PageNumberFooter(oddPages: false);
            var body = new Body();
            var writer = new DocxBlockWriter(body, new DocxNumbering(numbering), new DocxImages(main));
            writer.WriteBlocks(root.ChildNodes);
            writer.Finish();
            body.Append(DocxLayout.A4Section(main.GetIdOfPart(oddFooter), main.GetIdOfPart(evenFooter), framed: root.QuerySelector(".certificate") is not null));
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(body);
            numbering.Numbering = writer.Numbering.Build();
            if (!string.IsNullOrWhiteSpace(title))
            {
                word.PackageProperties.Title = title;
            }
            word.PackageProperties.Language = "zh-CN";
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }
}

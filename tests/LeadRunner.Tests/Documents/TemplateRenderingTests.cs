using LeadRunner.Documents;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Documents;

/// <summary>Every template of templates/ renders blank and with the sample data, and converts to a valid .docx.</summary>
public class TemplateRenderingTests
{
    public static TheoryData<string> Keys => [.. DocumentSamples.Keys];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Render_WithSampleData_FillsEveryFieldItBinds(string key)
    {
        var html = DocumentSamples.Renderer().Render(key, DocumentSamples.Filled());
        Assert.StartsWith("<article class=\"doc\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(DocumentHelpers.MissingText, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Render_WithOnlyTheSettings_ShowsMissingDataAsToBeFilled(string key)
    {
        var renderer = DocumentSamples.Renderer();
        var template = renderer.Library.Find(key)!;
        var html = renderer.Render(key, DocumentSamples.BlankData());
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        if (template.Binds.Any(b => b is not ("programme" or "document")))
        {
            Assert.Contains(DocumentHelpers.MissingText, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Render_BlankVersion_HasBlankLinesNotPlaceholders(string key)
    {
        var renderer = DocumentSamples.Renderer();
        var template = renderer.Library.Find(key)!;
        var html = renderer.Render(key, DocumentSamples.BlankData(), blank: true);
        Assert.DoesNotContain(DocumentHelpers.MissingText, html, StringComparison.Ordinal);
        if (template.Binds.Any(b => b is not ("programme" or "document")))
        {
            Assert.Contains("class=\"blank\"", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Docx_OfEveryTemplate_FilledAndBlank_PassesOpenXmlValidator(string key)
    {
        var renderer = DocumentSamples.Renderer();
        var writer = new HtmlToDocx();
        foreach (var (data, blank) in new[] { (DocumentSamples.Filled(), false), (DocumentSamples.BlankData(), true) })
        {
            var docx = writer.Convert(renderer.RenderPage(key, data, blank), key);
            Assert.Empty(DocumentSamples.ValidationErrors(docx));
        }
    }
}

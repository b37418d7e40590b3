using System.Globalization;
using LeadRunner.Hosting;

namespace LeadRunner.Documents;

/// <summary>
/// The blank annexes of the current programme, for anyone: Word to fill in and HTML to read or print. Linked from
/// the notice on the public site and from /documents.
/// </summary>
public static class DocumentsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("文书").AllowAnonymous();
        group.MapGet("/annex/{n}/blank.docx", BlankDocx);
        group.MapGet("/annex/{n}/blank.html", BlankHtml);
    }

    public static IResult BlankDocx(string n, DocumentRenderer renderer, HtmlToDocx docx, TemplateSamples samples) =>
        Blank(n, renderer) switch
        {
            { } template => TypedResults.File(docx.Convert(renderer.RenderPage(template.Key, samples.Blank(), blank: true), template.Title),
                DocxType, FileName(template)),
            null => NotFound(n),
        };

    public static IResult BlankHtml(string n, DocumentRenderer renderer, TemplateSamples samples) =>
        Blank(n, renderer) switch
        {
            { } template => TypedResults.Content(renderer.RenderPage(template.Key, samples.Blank(), blank: true), "text/html; charset=utf-8"),
            null => NotFound(n),
        };

    /// <summary>附件1-工作指南（修订版）.docx: the annex number first, so the files sort as the notice lists them.</summary>
    public static string FileName(TemplateLibrary.Live template) =>
        string.Create(CultureInfo.InvariantCulture, $"附件{template.Annex}-{template.Title}.docx");

    private static TemplateLibrary.Live? Blank(string n, DocumentRenderer renderer) =>
        int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 9
            && renderer.Library.Annex(number) is { HasBlank: true } template ? template : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string n) =>
        ApiProblems.NotFound($"没有附件“{n}”的空白模板：附件编号应为 1 至 9。");
}

using System.Globalization;
using LeadRunner.Hosting;
using LeadRunner.Rounds;

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
        var group = app.MapGroup("/api/documents").WithTags("文书").AllowAnonymous().ServesDocuments();
        group.MapGet("/annex/{n}/blank.docx", BlankDocx);
        group.MapGet("/annex/{n}/blank.html", BlankHtml);
    }

    public static IResult BlankDocx(string n, int? year, DocumentRenderer renderer, HtmlToDocx docx, TemplateSamples samples, RoundDirectory rounds) =>
        Blank(n, year, renderer, rounds) switch
        {
            ({ } template, var round) => TypedResults.File(docx.Convert(renderer.RenderPage(template.Key, samples.Blank(round), blank: true, template.Version), template.Title),
                DocxType, FileName(template)),
            _ => NotFound(n, year),
        };

    public static IResult BlankHtml(string n, int? year, DocumentRenderer renderer, TemplateSamples samples, RoundDirectory rounds) =>
        Blank(n, year, renderer, rounds) switch
        {
            ({ } template, var round) => TypedResults.Content(renderer.RenderPage(template.Key, samples.Blank(round), blank: true, template.Version), "text/html; charset=utf-8"),
            _ => NotFound(n, year),
        };

    /// <summary>
    /// The annex as the round of <paramref name="year"/> pins it, rendered later with that round's settings; without a
    /// year, the newest open round's. A draft round is never shown to the public.
    /// </summary>
    public static (TemplateLibrary.Live? Template, int? Year) Blank(string n, int? year, DocumentRenderer renderer, RoundDirectory rounds)
    {
        var round = rounds.PublicYear(year);
        if (year is not null && round is null)
        {
            return (null, null);
        }
        if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 9
            || renderer.Library.Annex(number) is not { HasBlank: true } live)
        {
            return (null, null);
        }
        return (renderer.Library.Find(live.Key, rounds.TemplateVersion(round?.Year, live.Key)), round?.Year);
    }

    /// <summary>附件1-工作指南（修订版）.docx: the annex number first, so the files sort as the notice lists them.</summary>
    public static string FileName(TemplateLibrary.Live template) =>
        string.Create(CultureInfo.InvariantCulture, $"附件{template.Annex}-{template.Title}.docx");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string n, int? year) => year is { } y
        ? ApiProblems.NotFound($"没有 {y} 年度附件“{n}”的空白模板：该年度批次不存在或尚未公开，附件编号应为 1 至 9。")
        : ApiProblems.NotFound($"没有附件“{n}”的空白模板：附件编号应为 1 至 9。");
}

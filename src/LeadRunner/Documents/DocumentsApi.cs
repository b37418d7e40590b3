using System.Globalization;
using LeadRunner.Hosting;
using LeadRunner.Rounds;
using Microsoft.AspNetCore.Http.HttpResults;

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
        // Produces without a type leaves the media type out of the description; Stream describes the body as binary.
        group.MapGet("/annex/{n}/blank.docx", BlankDocx)
            .Produces<Stream>(StatusCodes.Status200OK, DocxType).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DownloadBlankAnnexDocx").WithSummary("下载空白附件（Word）")
            .WithDescription("下载第 n 号附件（1 至 9）的空白 Word 模板，按 year 年度批次所定版本（缺省为最新开放批次），匿名可用。附件编号不对、该附件没有空白版或该年度批次不存在、尚未公开为 404。");
        group.MapGet("/annex/{n}/blank.html", BlankHtml)
            .Produces<Stream>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetBlankAnnexHtml").WithSummary("查看空白附件（网页）")
            .WithDescription("以网页形式返回第 n 号附件（1 至 9）的空白模板，供阅读和打印，按 year 年度批次所定版本（缺省为最新开放批次），匿名可用。附件编号不对或该年度批次不存在、尚未公开为 404。");
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> BlankDocx(string n, int? year, DocumentRenderer renderer, HtmlToDocx docx, TemplateSamples samples, RoundDirectory rounds) =>
        Blank(n, year, renderer, rounds) switch
        {
            ({ } template, var round) => TypedResults.File(docx.Convert(renderer.RenderPage(template.Key, samples.Blank(round), blank: true, template.Version), template.Title),
                DocxType, FileName(template)),
            _ => NotFound(n, year),
        };

    public static Results<ContentHttpResult, ProblemHttpResult> BlankHtml(string n, int? year, DocumentRenderer renderer, TemplateSamples samples, RoundDirectory rounds) =>
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

    private static ProblemHttpResult NotFound(string n, int? year) => year is { } y
        ? ApiProblems.NotFound($"没有 {y} 年度附件“{n}”的空白模板：该年度批次不存在或尚未公开，附件编号应为 1 至 9。")
        : ApiProblems.NotFound($"没有附件“{n}”的空白模板：附件编号应为 1 至 9。");
}

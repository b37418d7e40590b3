using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Programmes;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// Filled annexes from a case or a unit: the data goes through the live template (the docs feature's renderer), the
/// verification mark is part of the rendered document, a .docx gets the QR as a real picture, and the exact bytes
/// delivered are hashed and recorded by <see cref="DocumentIssuer"/>.
/// </summary>
public sealed class FilledDocuments(LeadRunnerDb db, DocumentRenderer renderer, HtmlToDocx converter, DocumentIssuer issuer, ProgrammeSettings programmes, Rounds.RoundDirectory rounds)
{
    public async Task<IssuedFile> ForCaseAsync(FilledData.CaseSource source, FilledTemplates.Annex annex, string format, Issuer issuer, CancellationToken cancellationToken)
    {
        var data = FilledData.ForCase(source);
        var year = RecommendedCases.WholeNumber(source.Variables["year"]);
        AddProgramme(data, year);
        var request = new IssueRequest(annex.Key, annex.Title, annex.Number, source.Enterprise.Name, issuer, source.CaseId, source.Enterprise.County?.UnitCode);
        return await IssueAsync(request, year, data, format, cancellationToken);
    }

    /// <summary>
    /// Any template filled from a case, e.g. the certificate the recognition workflow issues on authorisation;
    /// <paramref name="archive"/> keeps the bytes for later downloads of the very same file.
    /// </summary>
    public async Task<IssuedFile> ForCaseTemplateAsync(FilledData.CaseSource source, string templateKey, string format, Issuer issuer, bool archive, CancellationToken cancellationToken)
    {
        var template = renderer.Library.Find(templateKey) ?? throw new KeyNotFoundException($"文书模板“{templateKey}”不存在。");
        var data = FilledData.ForCase(source);
        var year = RecommendedCases.WholeNumber(source.Variables["year"]);
        AddProgramme(data, year);
        var request = new IssueRequest(template.Key, template.Title, template.Annex, source.Enterprise.Name, issuer, source.CaseId, source.Enterprise.County?.UnitCode, archive);
        return await IssueAsync(request, year, data, format, cancellationToken);
    }

    public async Task<IssuedFile> ForUnitAsync(string unitCode, string unitName, int? year, IEnumerable<FilledData.UnitRow> rows, string format, Issuer issuer, CancellationToken cancellationToken)
    {
        var data = FilledData.ForUnit(unitCode, unitName, year, rows, year is { } y ? programmes.ForYear(y) : null);
        AddProgramme(data, year);
        var annex = FilledTemplates.RecommendationReport;
        var request = new IssueRequest(annex.Key, annex.Title, annex.Number, unitName, issuer, null, unitCode);
        return await IssueAsync(request, year, data, format, cancellationToken);
    }

    /// <summary>Annex 3's rows: each recommended case loaded in turn with its rank (position when no rank was given).</summary>
    public async Task<List<FilledData.UnitRow>> UnitRowsAsync(IReadOnlyList<RecommendedCases.Entry> cases, CancellationToken cancellationToken)
    {
        var rows = new List<FilledData.UnitRow>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            if (await FilledData.LoadCaseAsync(db, cases[i].CaseId, cancellationToken) is { } source)
            {
                rows.Add(new FilledData.UnitRow(cases[i].Rank ?? i + 1, source));
            }
        }
        return rows;
    }

    private void AddProgramme(JsonObject data, int? year)
    {
        if (year is { } y && programmes.ForYear(y) is { } settings)
        {
            data["programme"] = settings.DeepClone();
        }
    }

    /// <summary>Fills the template version the case's round pins (the live one while the round follows the newest).</summary>
    private Task<IssuedFile> IssueAsync(IssueRequest request, int? year, JsonObject data, string format, CancellationToken cancellationToken)
    {
        var version = rounds.TemplateVersion(year, request.TemplateKey) ?? renderer.Library.Find(request.TemplateKey)?.Version;
        return issuer.IssueAsync(request with { RoundYear = year, TemplateVersion = version }, format, stamp =>
        {
            data["document"] = stamp.ToDocumentNode();
            var html = renderer.RenderPage(request.TemplateKey, DocumentData.FromJson(data), version: version);
            return format == IssuedFormats.Docx
                ? DocxStamp.Apply(converter.Convert(html, request.Title), stamp)
                : Encoding.UTF8.GetBytes(html);
        }, cancellationToken);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Uploads;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Packages;

public sealed record PackageRequest(string UnitCode, int? Year, Issuer Issuer);

public sealed record PackageProgress(int Done, int Total);

public sealed record PackageSummary(string UnitName, int? Year, int Enterprises, int Files, IReadOnlyList<string> Problems);

/// <summary>
/// The electronic version of the CD a reporting unit delivers: its annex 3 and, per recommended enterprise in rank
/// order, a folder <c>01_企业名称/</c> with the filled Word annexes that apply and the sealed PDF scans uploaded with the
/// application and the county review, plus manifest.csv/json. One enterprise at a time: its documents are issued,
/// written, recorded and forgotten before the next, so memory does not grow with the number of enterprises.
/// </summary>
public sealed class PackageBuilder(LeadRunnerDb db, FilledDocuments filled, IUploadedFiles uploads)
{
    public async Task<PackageSummary> WriteAsync(PackageRequest request, Stream output, IProgress<PackageProgress>? progress, CancellationToken cancellationToken)
    {
        var unit = await db.ReportingUnits.AsNoTracking().FirstAsync(u => u.Code == request.UnitCode, cancellationToken);
        var (year, cases) = await RecommendedCases.ListAsync(db, request.UnitCode, request.Year, cancellationToken);
        progress?.Report(new PackageProgress(0, cases.Count));

        var problems = new List<string>();
        await using var writer = await PackageWriter.CreateAsync(output, cancellationToken);
        await WriteRecommendationReportAsync(writer, unit.Code, unit.Name, year, cases, request.Issuer, cancellationToken);

        for (var i = 0; i < cases.Count; i++)
        {
            if (await FilledData.LoadCaseAsync(db, cases[i].CaseId, cancellationToken) is { } source)
            {
                var folder = $"{(i + 1).ToString("00", CultureInfo.InvariantCulture)}_{PackageWriter.SafeName(source.Enterprise.Name, "企业")}/";
                foreach (var annex in FilledTemplates.ApplicableTo(source.Variables))
                {
                    var file = await filled.ForCaseAsync(source, annex, IssuedFormats.Docx, request.Issuer, cancellationToken);
                    await writer.AddAsync($"{folder}附件{annex.Number}_{annex.Title}.docx", file.Bytes, source.Enterprise.Name, source.Enterprise.Uscc, $"附件{annex.Number}", cancellationToken);
                }
                await WriteUploadsAsync(writer, source, folder, problems, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                // The issued records are saved; forgetting them keeps the context (and memory) flat over 100 enterprises.
                db.ChangeTracker.Clear();
            }
            progress?.Report(new PackageProgress(i + 1, cases.Count));
        }

        foreach (var problem in problems)
        {
            writer.AddProblem(problem);
        }
        await writer.FinishAsync(new { unitCode = unit.Code, unit = unit.Name, year, enterprises = cases.Count }, cancellationToken);
        return new PackageSummary(unit.Name, year, cases.Count, writer.Entries.Count + 2, problems);
    }

    private async Task WriteRecommendationReportAsync(PackageWriter writer, string unitCode, string unitName, int? year,
        IReadOnlyList<RecommendedCases.Entry> cases, Issuer issuer, CancellationToken cancellationToken)
    {
        var rows = await filled.UnitRowsAsync(cases, cancellationToken);
        var report = await filled.ForUnitAsync(unitCode, unitName, year, rows, IssuedFormats.Docx, issuer, cancellationToken);
        await writer.AddAsync($"附件3_{FilledTemplates.RecommendationReport.Title}.docx", report.Bytes, null, null, "附件3", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>The sealed scans: the application's (annexes 4–9 as printed and sealed) and the county's annex 8.</summary>
    private async Task WriteUploadsAsync(PackageWriter writer, FilledData.CaseSource source, string folder, List<string> problems, CancellationToken cancellationToken)
    {
        var sealedDocuments = UploadIds(source.Variables["application"]?["sealedDocuments"]);
        var certificate = UploadIds(source.Variables["countyReview"]?["sealedCertificate"]);
        var wanted = sealedDocuments.Concat(certificate).Select(f => f.Id).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var found = await uploads.FindAsync(wanted, cancellationToken);
        var n = 0;
        foreach (var (id, name) in sealedDocuments)
        {
            n++;
            await CopyAsync(id, $"{folder}盖章扫描件_{n.ToString("00", CultureInfo.InvariantCulture)}_{PackageWriter.SafeName(name, "扫描件.pdf")}", "申报材料盖章扫描件");
        }
        foreach (var (id, _) in certificate)
        {
            await CopyAsync(id, $"{folder}附件8_{FilledTemplates.CountyCertificate.Title}_盖章扫描件.pdf", "附件8（盖章扫描件）");
        }

        async Task CopyAsync(Guid id, string path, string annex)
        {
            // Only files that belong to this enterprise (or to no enterprise, e.g. the county's upload) go in.
            if (!found.TryGetValue(id, out var info) || (info.EnterpriseId is { } owner && owner != source.Enterprise.Id))
            {
                problems.Add($"{source.Enterprise.Name}：未找到上传文件 {id}（{annex}），未能打包。");
                return;
            }
            var stream = await uploads.OpenReadAsync(id, cancellationToken);
            await writer.AddAsync(path, stream, source.Enterprise.Name, source.Enterprise.Uscc, annex, cancellationToken);
        }
    }

    /// <summary>The upload ids of a Form.io file field (an array of "url" storage entries, or one entry).</summary>
    public static List<(Guid Id, string? Name)> UploadIds(JsonNode? field)
    {
        var entries = field switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        var result = new List<(Guid, string?)>();
        foreach (var entry in entries)
        {
            if (IUploadedFiles.TryParseId(entry["url"]?.ToString(), out var id))
            {
                result.Add((id, entry["originalName"]?.ToString() ?? entry["name"]?.ToString()));
            }
        }
        return result;
    }
}

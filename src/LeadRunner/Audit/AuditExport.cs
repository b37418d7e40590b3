using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LeadRunner.Hosting;

namespace LeadRunner.Audit;

/// <summary>The log as an Excel workbook with Chinese headers, written row by row so a long log does not sit in memory twice.</summary>
public static class AuditExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> Headers =
        ["序号", "时间（北京时间）", "操作人", "类别", "操作", "对象", "调整前", "调整后", "原因/意见", "客户端地址", "哈希算法", "哈希"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, Headers);
            await foreach (var a in entries.WithCancellation(cancellationToken))
            {
                WriteRow(writer, [a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.At.ToChina().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    a.UserName, AuditKinds.NameOf(a.Kind), a.Action, a.Subject, a.Before, a.After, a.Reason, a.ClientIp, a.HashAlgorithm, a.Hash]);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "审计日志" }));
        workbook.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<string?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            // Inline strings: no shared-string table to build, and every cell is text (nothing is read as a formula).
            writer.WriteElement(new Cell(new InlineString(new Text(Clean(value ?? "")) { Space = SpaceProcessingModeValues.Preserve }))
            {
                DataType = CellValues.InlineString,
            });
        }
        writer.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters; an entry holding one is still exported, without it.
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text;
}
